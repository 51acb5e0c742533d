import { argocdControl } from '../control';
import { waitFor } from '@internal/plugin-portico-node/testUtils';
import { argocdPeer, startArgocdPeer } from './argocd';
import type { LocalArgocd, StartedPeer } from '../types';
import { peerContext } from './__testUtils__/context';

const context = peerContext(
  'http://localhost:7007',
  {},
  'http://localhost:3000',
);

describe('startArgocdPeer', () => {
  let peer: StartedPeer<LocalArgocd>;
  beforeAll(async () => {
    peer = await startArgocdPeer(context);
  });
  afterAll(() => peer?.stop());

  const instance = (name: string) => {
    const i = peer.description.instances.find(x => x.name === name);
    if (!i) throw new Error(`no instance ${name}`);
    return i;
  };
  const api = async (name: string, path: string) => {
    const i = instance(name);
    return fetch(`${i.url}/api/v1/applications${path}`, {
      headers: { authorization: `Bearer ${i.token}` },
    });
  };
  const app = async (name: string, path: string) => {
    const res = await api(name, path);
    expect(res.status).toBe(200);
    return res.json();
  };
  const control = (path: string, body: unknown) =>
    fetch(`${peer.description.control}${path}`, {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('serves every catalog application on prod, payments-api and checkout-service on staging, each for its team', async () => {
    const { apps, instances } = peer.description;
    expect(instances.map(i => i.name)).toEqual(['prod', 'staging']);
    expect(apps).toContain('payments-api');
    expect(apps).toContain('ledger-service');
    const prod = await app('prod', '');
    expect(prod.items.map((a: any) => a.metadata.name).sort()).toEqual(apps);
    const staging = await app('staging', '');
    expect(staging.items.map((a: any) => a.metadata.name).sort()).toEqual([
      'checkout-service',
      'payments-api',
    ]);
    const payments = await app('prod', '/payments-api');
    expect(payments.metadata.labels['portico.io/team']).toBe('payments-team');
    expect(payments.spec.project).toBe('team-payments-team');
  });

  it('gives the applications their states, and every history revision resolves to commit metadata', async () => {
    const state = async (i: string, name: string) => {
      const a = await app(i, `/${name}`);
      return {
        sync: a.status.sync.status,
        health: a.status.health.status,
        phase: a.status.operationState.phase,
        history: a.status.history.length,
      };
    };
    expect(await state('prod', 'fraud-detector')).toEqual({
      sync: 'OutOfSync',
      health: 'Progressing',
      phase: 'Running',
      history: 3,
    });
    expect(await state('prod', 'inventory-service')).toMatchObject({
      health: 'Degraded',
      history: 5,
    });
    expect(await state('prod', 'search-indexer')).toMatchObject({
      sync: 'OutOfSync',
      health: 'Healthy',
    });
    expect(await state('prod', 'payments-api')).toMatchObject({
      sync: 'Synced',
      history: 6,
    });
    expect(await state('prod', 'ledger-service')).toMatchObject({
      sync: 'Synced',
      health: 'Suspended',
    });
    expect(await state('prod', 'storefront-web')).toEqual({
      sync: 'Synced',
      health: 'Healthy',
      phase: 'Succeeded',
      history: 3,
    });
    expect(await state('staging', 'payments-api')).toMatchObject({
      sync: 'OutOfSync',
      history: 4,
    });
    expect(await state('staging', 'checkout-service')).toMatchObject({
      sync: 'Synced',
      health: 'Healthy',
    });
    const payments = await app('prod', '/payments-api');
    const messages = new Set<string>();
    for (const h of payments.status.history) {
      const meta = await app(
        'prod',
        `/payments-api/revisions/${h.revision}/metadata`,
      );
      expect(meta.author).toMatch(/ <[a-z]+@portico\.example>$/);
      expect(meta.message).toContain('payments-api');
      messages.add(meta.message);
    }
    expect(messages.size).toBeGreaterThan(1);
  });

  it('gives the portal config for both instances and Roadie, without refresh timings', () => {
    const [prod, staging] = peer.description.instances;
    expect(peer.config).toEqual({
      argocd: {
        instances: [
          { ...prod, uiUrl: 'https://argocd.prod.example.com' },
          { ...staging, uiUrl: 'https://argocd.staging.example.com' },
        ],
        appLocatorMethods: [
          {
            type: 'config',
            instances: [
              {
                name: 'prod',
                url: prod.url,
                frontendUrl: 'https://argocd.prod.example.com',
              },
              {
                name: 'staging',
                url: staging.url,
                frontendUrl: 'https://argocd.staging.example.com',
              },
            ],
          },
        ],
      },
    });
  });

  it('takes an instance down and up again on command', async () => {
    expect(
      await control('/fault', { instance: 'staging', fault: { kind: 'down' } }),
    ).toHaveProperty('status', 204);
    await expect(api('staging', '')).rejects.toThrow();
    expect((await api('prod', '')).status).toBe(200);
    expect(
      (
        await control('/fault', {
          instance: 'staging',
          fault: { kind: 'none' },
        })
      ).status,
    ).toBe(204);
    expect((await api('staging', '')).status).toBe(200);
    expect(
      (await control('/fault', { instance: 'qa', fault: { kind: 'down' } }))
        .status,
    ).toBe(404);
    expect(
      (await control('/fault', { instance: 'prod', fault: { kind: 'melt' } }))
        .status,
    ).toBe(400);
  });

  it('changes an application on command, keeping the rest of its spec', async () => {
    const client = argocdControl(peer.description.control);
    const spec = await client.changeApp('prod', 'storefront-web', {
      healthStatus: 'Degraded',
      historyLength: 2,
    });
    expect(spec).toMatchObject({
      name: 'storefront-web',
      healthStatus: 'Degraded',
      team: 'storefront-team',
    });
    const changed = await app('prod', '/storefront-web');
    expect(changed.status.health.status).toBe('Degraded');
    expect(changed.status.history).toHaveLength(2);
    expect(changed.metadata.labels['portico.io/team']).toBe('storefront-team');
    await client.changeApp('prod', 'storefront-web', {
      healthStatus: 'Healthy',
      historyLength: 3,
    });
    expect((await app('prod', '/storefront-web')).status.health.status).toBe(
      'Healthy',
    );
    await expect(client.changeApp('qa', 'x', {})).rejects.toThrow(
      'fake Argo CD control /apps/qa/x: 404',
    );
    expect((await control('/apps/qa/x', {})).status).toBe(404);
    expect((await control('/apps/prod/x', { name: 'y' })).status).toBe(400);
    expect((await control('/apps/prod/x', 'not json')).status).toBe(400);
    expect((await control('/nope', {})).status).toBe(404);
  });

  it('uses new tokens on every start, refuses others, and stops everything', async () => {
    const other = await argocdPeer()({ ...context, liveChanges: true });
    const [prod] = other.description.instances;
    expect(prod.token).not.toBe(instance('prod').token);
    const wrong = await fetch(`${prod.url}/api/v1/applications`, {
      headers: { authorization: `Bearer ${instance('prod').token}` },
    });
    expect(wrong.status).toBe(401);
    await other.stop();
    await expect(fetch(`${prod.url}/api/v1/applications`)).rejects.toThrow();
    await expect(
      fetch(`${other.description.control}/fault`, { method: 'POST' }),
    ).rejects.toThrow();
  });

  it('counts the requests of each instance by route, and resets the counts', async () => {
    await control('/counts/reset', {});
    await app('prod', '');
    await app('prod', '/payments-api');
    await app('staging', '');
    const counts = await (
      await fetch(`${peer.description.control}/counts`)
    ).json();
    expect(counts).toEqual({
      prod: { list: 1, get: 1 },
      staging: { list: 1 },
    });
    expect((await control('/counts/reset', {})).status).toBe(204);
    expect(
      await (await fetch(`${peer.description.control}/counts`)).json(),
    ).toEqual({ prod: {}, staging: {} });
  });

  it('tells how many watch streams each instance holds open', async () => {
    const watches = argocdControl(peer.description.control).openWatches;
    expect(await watches()).toEqual({ prod: 0, staging: 0 });
    const abort = new AbortController();
    const stream = await fetch(
      `${instance('prod').url}/api/v1/stream/applications`,
      {
        headers: { authorization: `Bearer ${instance('prod').token}` },
        signal: abort.signal,
      },
    );
    expect(stream.status).toBe(200);
    expect(await watches()).toEqual({ prod: 1, staging: 0 });
    abort.abort();
    await waitFor(
      'the stream closed',
      async () => (await watches()).prod === 0,
      {
        timeoutMs: 5000,
        intervalMs: 20,
      },
    );
  });

  it('fails clearly without annotated applications', async () => {
    await expect(
      argocdPeer({ catalogPaths: [__dirname] })(context),
    ).rejects.toThrow(/no argocd\/app-name annotation in/);
  });
});

describe('argocd peer options (the benchmark workload)', () => {
  const generated = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      name: `${prefix}-${i}`,
      labels: { team: `team-${i % 3}` },
      historyLength: 1 + (i % 4),
    }));

  it('serves the instances and applications given, logs the accounts in, and flips health in turn', async () => {
    const peer = await startArgocdPeer({
      ...context,
      options: {
        argocd: {
          instances: [
            { name: 'east', apps: generated('svc', 40) },
            {
              name: 'west',
              apps: [...generated('svc', 10), ...generated('batch', 5)],
            },
          ],
          users: { bench: 'bench-password' },
          latency: { baseMs: 30 },
          healthFlips: { everyMs: 50, names: ['svc-3', 'svc-7'] },
        },
      },
    });
    try {
      const { instances, apps } = peer.description;
      expect(instances.map(i => i.name)).toEqual(['east', 'west']);
      expect(apps).toHaveLength(45);
      expect(apps).not.toContain('payments-api');
      const session = await fetch(`${instances[1].url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'bench', password: 'bench-password' }),
      });
      expect(session.status).toBe(200);
      const { token } = await session.json();
      const list = async (i: number, bearer = instances[i].token) => {
        const started = performance.now();
        const res = await fetch(`${instances[i].url}/api/v1/applications`, {
          headers: { authorization: `Bearer ${bearer}` },
        });
        expect(res.status).toBe(200);
        const items: any[] = (await res.json()).items;
        return { items, ms: performance.now() - started };
      };
      const east = await list(0);
      expect(east.items).toHaveLength(40);
      expect(east.ms).toBeGreaterThanOrEqual(25);
      const west = await list(1, token);
      expect(west.items.map(a => a.metadata.name).sort()).toEqual(
        [...generated('svc', 10), ...generated('batch', 5)]
          .map(a => a.name)
          .sort(),
      );
      expect(
        west.items.find(a => a.metadata.name === 'svc-2').status.history,
      ).toHaveLength(3);
      expect(
        (
          await fetch(`${instances[0].url}/api/v1/session`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username: 'bench', password: 'wrong' }),
          })
        ).status,
      ).toBe(401);

      // svc-3 flips first (on both instances), then svc-7, then svc-3 back
      const health = async (i: number, name: string) =>
        (await list(i)).items.find(a => a.metadata.name === name).status.health
          .status;
      expect(await health(0, 'svc-5')).toBe('Healthy');
      await new Promise(r => setTimeout(r, 60));
      const seen = new Set<string>();
      for (let k = 0; k < 40 && seen.size < 2; k++) {
        seen.add(await health(0, 'svc-3'));
        await new Promise(r => setTimeout(r, 10));
      }
      expect(seen).toEqual(new Set(['Healthy', 'Progressing']));
      expect(await health(0, 'svc-5')).toBe('Healthy');
    } finally {
      await peer.stop();
    }
  });

  it("refuses instances that have no fixed port with ports 'fixed'", async () => {
    await expect(
      startArgocdPeer({
        ...context,
        ports: 'fixed',
        options: { argocd: { instances: [{ name: 'dr', apps: [] }] } },
      }),
    ).rejects.toThrow(/ports 'fixed' has no port for Argo CD instance\(s\) dr/);
  });
});
