import { argocdPeer, startArgocdPeer } from './argocd';
import type { LocalArgocd, PeerContext, StartedPeer } from '../types';

const context: PeerContext = {
  ports: 'free',
  backendUrl: 'http://localhost:7007',
  appUrl: 'http://localhost:3000',
  liveChanges: false,
  log: () => {},
  options: {},
};

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
    const res = await control('/apps/prod/storefront-web', {
      healthStatus: 'Degraded',
      historyLength: 2,
    });
    expect(res.status).toBe(200);
    const changed = await app('prod', '/storefront-web');
    expect(changed.status.health.status).toBe('Degraded');
    expect(changed.status.history).toHaveLength(2);
    expect(changed.metadata.labels['portico.io/team']).toBe('storefront-team');
    await control('/apps/prod/storefront-web', {
      healthStatus: 'Healthy',
      historyLength: 3,
    });
    expect((await app('prod', '/storefront-web')).status.health.status).toBe(
      'Healthy',
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

  it('fails clearly without annotated applications', async () => {
    await expect(
      argocdPeer({ catalogDir: __dirname })(context),
    ).rejects.toThrow(/no argocd\/app-name annotation under/);
  });
});
