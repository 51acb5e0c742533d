export { EntityProvisioningContent } from './EntityProvisioningContent';
