export { createArgoEventsTriggerAction, ACTION_ID } from './argoEventsTrigger';
export {
  createProvisioningClient,
  type ProvisioningClient,
} from './provisioningClient';
