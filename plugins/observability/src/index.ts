/**
 * Observability tab, overview card, logs, embedded Grafana panels and cost roll-up per team,
 * over the `observability` backend plugin.
 *
 * @packageDocumentation
 */
export { observabilityPlugin, observabilityPlugin as default } from './plugin';
export { observabilityApiRef, ObservabilityClient } from './api';
export type { ObservabilityApi, LogsQuery } from './api';
