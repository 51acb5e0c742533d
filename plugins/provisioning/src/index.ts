/**
 * Provisioning runs page and entity tab: live timeline per run with resource links.
 *
 * @packageDocumentation
 */
export { provisioningPlugin, provisioningPlugin as default } from './plugin';
export { provisioningApiRef, ProvisioningClient } from './api';
export type { ProvisioningApi } from './api';
