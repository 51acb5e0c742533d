/*
 * The bench's Argo Events webhook: the local platform's argoEvents peer (@internal/local-platform)
 * with a small latency, no workflow played back (no portal here to call) and its control server,
 * through which the bench takes the webhook away, brings it back and reads the deliveries.
 */
import {
  argoEventsControl,
  startLocalPlatform,
  type WebhookDelivery,
} from '@internal/local-platform';

/** One authenticated request the webhook got (the control server's GET /deliveries). */
export type Delivery = WebhookDelivery;

export async function startWebhook(latencyMs: number) {
  const platform = await startLocalPlatform({
    peers: ['argoEvents'],
    backendUrl: 'http://portal.bench',
    options: { argoEvents: { latencyMs, workflow: false, control: true } },
    log: () => {},
  });
  const { url, token, control } = platform.argoEvents!;
  const controlled = argoEventsControl(control!);
  const deliveries = controlled.deliveries;
  return {
    url,
    token,
    deliveries,
    /** Deliveries answered 2xx, per idempotency key. */
    async acceptedByKey(): Promise<Map<string, number>> {
      const counts = new Map<string, number>();
      for (const d of await deliveries()) {
        if (typeof d.status === 'number' && d.status < 300 && d.idempotencyKey)
          counts.set(d.idempotencyKey, (counts.get(d.idempotencyKey) ?? 0) + 1);
      }
      return counts;
    },
    clearDeliveries: controlled.clearDeliveries,
    /** Connection refused until recover(). */
    outage: controlled.outage,
    recover: controlled.recover,
    stop: () => platform.stop(),
  };
}
