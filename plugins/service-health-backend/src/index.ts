/**
 * Service health at a glance: GitHub commits, workflow runs and code-scanning alerts of catalog
 * components, read on a schedule into the database and served from there.
 *
 * @packageDocumentation
 */
export { serviceHealthPlugin } from './plugin';
