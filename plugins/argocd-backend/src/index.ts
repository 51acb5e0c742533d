/**
 * Argo CD deployment status: cached per-instance views, Roadie-compatible routes, owner-only sync and refresh
 *
 * @packageDocumentation
 */
export { argocdPlugin } from './plugin';
