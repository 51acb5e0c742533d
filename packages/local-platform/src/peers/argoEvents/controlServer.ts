import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookHarness } from '@internal/plugin-provisioning-backend/testUtils';

/**
 * The deliveries the stand-in recorded, without their payloads (a payload may carry the run's
 * callback token).
 */
function deliveries(harness: WebhookHarness) {
  return harness.deliveries.map(d => ({
    idempotencyKey: d.idempotencyKey,
    runId: d.runId,
    status: d.status,
    at: d.at,
  }));
}

async function handle(
  harness: WebhookHarness,
  req: http.IncomingMessage,
  res: http.ServerResponse,
) {
  const path = new URL(req.url ?? '/', 'http://control').pathname;
  const route = `${req.method} ${path}`;
  if (route === 'POST /outage') {
    await harness.outage();
    res.writeHead(204).end();
  } else if (route === 'POST /recover') {
    await harness.recover();
    res.writeHead(204).end();
  } else if (route === 'GET /deliveries') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(deliveries(harness)));
  } else if (route === 'DELETE /deliveries') {
    harness.deliveries.splice(0);
    res.writeHead(204).end();
  } else {
    res.writeHead(404).end();
  }
}

/**
 * The Argo Events stand-in's control server on a free loopback port: POST /outage (the webhook
 * goes away: connection refused), POST /recover (back on the same port), GET /deliveries (every
 * authenticated request: idempotencyKey, runId, status, at), DELETE /deliveries (forget them).
 */
export async function startArgoEventsControl(
  harness: WebhookHarness,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    handle(harness, req, res).catch(e => {
      if (!res.headersSent) res.writeHead(500).end(String(e.message));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
