export { provisioningApiRef, type ProvisioningApi } from './ProvisioningApi';
export { ProvisioningClient } from './ProvisioningClient';
