/*
 * The harness of the cross-plugin tests: it starts the whole Portico backend from its one feature
 * list (../../features.ts) with its peers, for the attack suite and the access matrix.
 */
export * from './startPortico';
export * from './org';
export * from './routes';
export type { UpstreamRequest, ObservabilityUpstream } from './observabilityUpstream';
