export { observabilityApiRef } from './ObservabilityApi';
export type { LogsQuery, ObservabilityApi } from './ObservabilityApi';
export { ObservabilityClient } from './ObservabilityClient';
