/**
 * The argo-events:trigger scaffolder action: records a provisioning run and optionally waits,
 * showing each step.
 *
 * @packageDocumentation
 */
export { scaffolderModuleArgoEvents } from './module';
export {
  createArgoEventsTriggerAction,
  createProvisioningClient,
  type ProvisioningClient,
} from './actions';
