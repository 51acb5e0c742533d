export { serviceHealthApiRef } from './ServiceHealthApi';
export type { ServiceHealthApi } from './ServiceHealthApi';
export { ServiceHealthClient } from './ServiceHealthClient';
