export {
  WebhookHarness,
  type HarnessCallback,
  type HarnessDelivery,
  type HarnessMode,
  type HarnessWorkflow,
  type WebhookContextLike,
} from './WebhookHarness';
