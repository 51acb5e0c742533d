export { ProvisioningPage } from './ProvisioningPage';
