/*
 * The harness's peers see what the attack rows judge by: a sync or refresh that reaches the fake
 * Argo CD is counted, a delivery that reaches the webhook stand-in is listed, and the peers
 * refuse other credentials. Without this, a count that stayed 0 would let every "nothing
 * happened" check pass.
 */
import { freePort } from '@internal/plugin-portico-node/testUtils';
import { Peers, startPeers } from './peers';
import { HELM_VALUES_CANARY } from './secrets';

jest.setTimeout(60_000);

describe('the harness peers', () => {
  let peers: Peers;
  const stops: Array<() => unknown> = [];

  beforeAll(async () => {
    peers = await startPeers(`http://127.0.0.1:${await freePort()}`, stops);
  });

  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
  });

  const argocd = (path: string, token = peers.argocd.token) =>
    fetch(`${peers.argocd.url}/api/v1/applications/${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: '{}',
    });

  it('serves team-a’s and team-b’s applications, svc-b with the Helm values canary', async () => {
    const res = await fetch(`${peers.argocd.url}/api/v1/applications`, {
      headers: { authorization: `Bearer ${peers.argocd.token}` },
    });
    const { items } = await res.json();
    expect(items.map((a: any) => a.metadata.name).sort()).toEqual([
      'svc-a',
      'svc-b',
    ]);
    expect(JSON.stringify(items)).toContain(HELM_VALUES_CANARY);
    expect(peers.argocd.revisions['svc-a']).toMatch(/^[0-9a-f]{40}$/);
  });

  it('counts the syncs and refreshes that reach Argo CD, not the refused ones', async () => {
    const before = [
      await peers.argocd.count('sync'),
      await peers.argocd.count('refresh'),
    ];
    expect((await argocd('svc-b/sync')).status).toBe(200);
    expect((await argocd('svc-b/sync', 'another-token')).status).toBe(401);
    expect(await peers.argocd.count('sync')).toBe(before[0] + 1);
    expect(await peers.argocd.count('refresh')).toBe(before[1]);
  });

  it('lists the deliveries that reach the webhook, and refuses another token', async () => {
    const post = (token: string) =>
      fetch(peers.webhook.url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
        body: '{}',
      });
    const before = (await peers.webhook.deliveries()).length;
    expect((await post(peers.webhook.token)).status).toBe(200);
    expect((await post('another-token')).status).toBe(401);
    expect((await peers.webhook.deliveries()).length).toBe(before + 1);
  });

  it('gives every credential of its peers for the leak scans, each its own', async () => {
    const discovery = await (
      await fetch(`${peers.dex.issuer}/.well-known/openid-configuration`)
    ).json();
    expect(discovery.issuer).toBe(peers.dex.issuer);
    expect(peers.secrets).toEqual([
      peers.dex.clientSecret,
      peers.argocd.token,
      peers.webhook.token,
    ]);
    expect(new Set(peers.secrets).size).toBe(3);
  });
});
