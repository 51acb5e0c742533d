import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '@internal/plugin-portico-node/testUtils';
import { peerContext } from './__testUtils__/context';
import { startArgoEventsPeer } from './argoEvents';

const context = peerContext(
  'http://localhost:7007',
  {},
  'http://localhost:3000',
);

/** A portal stand-in that records the workflow's callbacks. */
async function callbackServer() {
  const reports: Array<{ path: string; body: any }> = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    reports.push({
      path: req.url ?? '',
      body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
    });
    res.writeHead(204).end();
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    reports,
    callbackUrl: (runId: string) =>
      `${url}/api/provisioning/runs/${runId}/events`,
    close: () => new Promise<void>(r => server.close(() => r())),
  };
}

/** One run handed to the webhook, as provisioning-backend's dispatcher sends it. */
function trigger(
  peer: { url: string; token: string },
  runId: string,
  callbackUrl: string,
) {
  return fetch(peer.url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${peer.token}`,
      'content-type': 'application/json',
      'idempotency-key': `provisioning-run-${runId}`,
    },
    body: JSON.stringify({
      runId,
      template: 'new-environment',
      entityRef: 'component:default/payments-api',
      callbackUrl,
      callbackToken: 'cb-secret',
      parameters: {},
    }),
  });
}

describe('startArgoEventsPeer', () => {
  let portal: Awaited<ReturnType<typeof callbackServer>>;
  beforeAll(async () => {
    portal = await callbackServer();
  });
  afterAll(() => portal.close());

  it('plays the workflow against the callback URL by default, without a control server', async () => {
    const peer = await startArgoEventsPeer({
      ...context,
      options: { argoEvents: { workflow: { stepDelayMs: 5 } } },
    });
    try {
      expect(peer.description.control).toBeUndefined();
      expect(
        (await trigger(peer.description, 'r1', portal.callbackUrl('r1')))
          .status,
      ).toBe(200);
      await waitFor(
        'six reports',
        async () =>
          portal.reports.filter(r => r.path.includes('/r1/')).length === 6,
        { timeoutMs: 5000, intervalMs: 20 },
      );
      const last = portal.reports.filter(r => r.path.includes('/r1/')).pop();
      expect(last?.body).toMatchObject({ step: 'baseline', final: true });
    } finally {
      await peer.stop();
    }
  });

  it('with workflow false, latency and a control server: accepts without calling back, goes away and comes back on command, lists deliveries without payloads', async () => {
    const peer = await startArgoEventsPeer({
      ...context,
      options: {
        argoEvents: { workflow: false, latencyMs: 80, control: true },
      },
    });
    const control = peer.description.control!;
    try {
      expect(control).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const started = performance.now();
      expect(
        (await trigger(peer.description, 'r2', portal.callbackUrl('r2')))
          .status,
      ).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(75);

      expect(
        (await fetch(`${control}/outage`, { method: 'POST' })).status,
      ).toBe(204);
      await expect(
        trigger(peer.description, 'r3', portal.callbackUrl('r3')),
      ).rejects.toThrow();
      expect(
        (await fetch(`${control}/recover`, { method: 'POST' })).status,
      ).toBe(204);
      expect(
        (await trigger(peer.description, 'r4', portal.callbackUrl('r4')))
          .status,
      ).toBe(200);

      const deliveries = await (await fetch(`${control}/deliveries`)).json();
      expect(deliveries.map((d: any) => [d.idempotencyKey, d.status])).toEqual([
        ['provisioning-run-r2', 200],
        ['provisioning-run-r4', 200],
      ]);
      expect(typeof deliveries[0].at).toBe('number');
      expect(JSON.stringify(deliveries)).not.toContain('cb-secret');
      expect(
        (await fetch(`${control}/deliveries`, { method: 'DELETE' })).status,
      ).toBe(204);
      expect(await (await fetch(`${control}/deliveries`)).json()).toEqual([]);
      expect((await fetch(`${control}/nope`)).status).toBe(404);

      await new Promise(r => setTimeout(r, 300));
      expect(portal.reports.filter(r => !r.path.includes('/r1/'))).toEqual([]);
    } finally {
      await peer.stop();
    }
    await expect(fetch(`${control}/deliveries`)).rejects.toThrow();
  });
});
