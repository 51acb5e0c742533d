/*
 * The attack suite of issue 12 (src/attacks.test.ts, its rows in src/attacks.ts) and the harness
 * that starts the whole Portico backend from its one feature list for cross-plugin tests (the
 * access matrix of permission-backend-module-portico uses it too).
 */
export * from './harness/startPortico';
export * from './harness/org';
export * from './harness/routes';
export type { UpstreamRequest, ObservabilityUpstream } from './harness/observabilityUpstream';
