/**
 * Service health at a glance on component pages, over the `service-health` backend plugin: the
 * Code card (repository, default branch, last commits with their pipeline) and the CI/CD card
 * (recent runs, failing job and step with the log). The app installs the plugin (default export).
 *
 * @packageDocumentation
 */
export { serviceHealthPlugin as default } from './plugin';
export { serviceHealthApiRef, ServiceHealthClient } from './api';
export type { ServiceHealthApi } from './api';
