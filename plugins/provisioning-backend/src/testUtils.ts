/**
 * Test utilities of the provisioning backend, for other packages' tests and benchmarks: a
 * stand-in for the Argo Events webhook EventSource, and one replica's stores and dispatcher
 * without a backend.
 *
 * @packageDocumentation
 */
export {
  WebhookHarness,
  type HarnessCallback,
  type HarnessDelivery,
  type HarnessMode,
  type HarnessWorkflow,
  type WebhookContextLike,
} from './testing/WebhookHarness';
export {
  createProvisioningInstance,
  type ProvisioningInstance,
} from './testing/provisioningInstance';
export type { NewRun } from './database/RunStore';
export type { ProvisioningConfig } from './config/ProvisioningConfig';
