import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  component,
  startArgoTestBackend,
} from '../__testUtils__/startArgoTestBackend';

jest.setTimeout(60_000);

const entities = [
  component('payments', { 'argocd/app-name': 'payments' }),
  component('shop', { 'argocd/app-selector': 'team=shop' }),
  component('pinned', {
    'argocd/app-name': 'payments',
    'argocd/instance-name': 'staging',
  }),
  component('elsewhere', {
    'argocd/app-name': 'payments',
    'argocd/instance-name': 'nowhere',
  }),
  component('plain', {}),
  component('namespaced', {
    'argocd/app-name': 'ns-app',
    'argocd/app-namespace': 'team-x',
  }),
  component('charts', { 'argocd/app-name': 'charts' }),
];

describe('argocd router', () => {
  let t: Awaited<ReturnType<typeof startArgoTestBackend>>;
  const user = () => mockCredentials.user.header('user:default/bob');

  beforeAll(async () => {
    t = await startArgoTestBackend({
      entities,
      allow: p => p !== 'argocd.application.refresh',
    });
    // the mock scheduler ran each instance's refresh once at startup
    await waitFor(async () => {
      const res = await request(t.server)
        .get('/api/argocd/find/name/payments')
        .set('authorization', user());
      return res.body.length === 2;
    });
  });
  afterAll(() => t.close());

  async function waitFor(check: () => Promise<boolean>) {
    for (let i = 0; i < 400; i++) {
      if (await check()) return;
      await new Promise(r => setTimeout(r, 50));
    }
    throw new Error('timed out waiting');
  }

  const upstream = () =>
    Object.values(t.fakes).reduce((sum, f) => sum + f.totalRequests, 0);

  it('says which instances are configured, without secrets', async () => {
    const res = await request(t.server)
      .get('/api/argocd/config')
      .set('authorization', user());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      configured: true,
      instances: [
        { name: 'prod', uiUrl: 'https://argocd.example.com' },
        { name: 'staging', uiUrl: t.fakes.staging.url },
        { name: 'dr', uiUrl: t.fakes.dr.url },
      ],
    });
    expect(JSON.stringify(res.body)).not.toMatch(/token|password/);
  });

  it('answers a batched status for a page of entities from the cache, without calling Argo CD', async () => {
    const before = upstream();
    const refs = [
      ...entities.map(e => `component:default/${e.metadata.name}`),
      'component:default/missing',
    ];
    const res = await request(t.server)
      .post('/api/argocd/status')
      .set('authorization', user())
      .send({ entityRefs: refs });
    expect(res.status).toBe(200);
    const items = res.body.items;
    expect(
      items['component:default/payments'].applications.map(
        (a: any) => a.instance,
      ),
    ).toEqual(['prod', 'staging']);
    expect(items['component:default/payments'].syncStatus).toBe('Synced');
    expect(items['component:default/shop']).toMatchObject({
      state: 'ok',
      syncStatus: 'OutOfSync',
      healthStatus: 'Degraded',
    });
    expect(
      items['component:default/shop'].applications
        .map((a: any) => `${a.instance}/${a.name}`)
        .sort(),
    ).toEqual(['dr/cart', 'prod/cart', 'prod/checkout']);
    const cart = items['component:default/shop'].applications.find(
      (a: any) => a.instance === 'prod' && a.name === 'cart',
    );
    expect(cart).toMatchObject({
      revisionInSync: false,
      uiUrl: 'https://argocd.example.com/applications/argocd/cart',
    });
    expect(
      items['component:default/pinned'].applications.map(
        (a: any) => a.instance,
      ),
    ).toEqual(['staging']);
    expect(items['component:default/elsewhere']).toMatchObject({
      state: 'not-found',
      degradedInstances: ['nowhere'],
    });
    expect(items['component:default/plain'].state).toBe('no-annotation');
    expect(
      items['component:default/namespaced'].applications[0].appNamespace,
    ).toBe('team-x');
    expect(items['component:default/missing'].state).toBe('entity-not-found');
    expect(res.body.instances.map((i: any) => i.status)).toEqual([
      'ok',
      'ok',
      'ok',
    ]);
    for (let i = 0; i < 20; i++) {
      await request(t.server)
        .post('/api/argocd/status')
        .set('authorization', user())
        .send({ entityRefs: refs });
    }
    expect(upstream()).toBe(before);
  });

  it('rejects bad status requests naming the field', async () => {
    const empty = await request(t.server)
      .post('/api/argocd/status')
      .set('authorization', user())
      .send({});
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/entityRefs/);
    const many = await request(t.server)
      .post('/api/argocd/status')
      .set('authorization', user())
      .send({
        entityRefs: Array.from(
          { length: 501 },
          (_, i) => `component:default/c${i}`,
        ),
      });
    expect(many.status).toBe(400);
    const bad = await request(t.server)
      .post('/api/argocd/status')
      .set('authorization', user())
      .send({ entityRefs: ['component:default/'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/entityRefs/);
  });

  it('gives the entity page every history entry, newest first, with commit metadata fetched once', async () => {
    t.fakes.prod.resetCounts();
    const res = await request(t.server)
      .get('/api/argocd/entities/component/default/payments')
      .set('authorization', user());
    expect(res.status).toBe(200);
    const prod = res.body.applications.find((a: any) => a.instance === 'prod');
    expect(prod.history).toHaveLength(4);
    expect(prod.history.map((h: any) => h.id)).toEqual([3, 2, 1, 0]);
    expect(prod.history[0]).toMatchObject({
      metadata: 'ok',
      author: expect.stringMatching(/^Dev/),
    });
    expect(prod.deployedRevision).toBe(prod.history[0].revision);
    expect(prod.targetCommit).toBe(prod.deployedRevision);
    expect(prod.revisionInSync).toBe(true);
    expect(prod.lastDeployedAt).toBe(prod.history[0].deployedAt);
    expect(prod.operation).toMatchObject({
      phase: 'Succeeded',
      initiatedBy: 'automated',
    });
    expect(prod.resources).toContainEqual(
      expect.objectContaining({
        kind: 'Deployment',
        name: 'payments',
        healthStatus: 'Healthy',
        syncStatus: 'Synced',
      }),
    );
    expect(prod.uiUrl).toBe(
      'https://argocd.example.com/applications/argocd/payments',
    );
    expect(res.body.actions).toEqual({
      sync: { allowed: true },
      refresh: {
        allowed: false,
        reason: expect.stringContaining(
          'Only the owners of component:default/payments (group:default/team-a)',
        ),
      },
    });
    expect(t.fakes.prod.count('revision-metadata')).toBe(4);
    await request(t.server)
      .get('/api/argocd/entities/component/default/payments')
      .set('authorization', user());
    expect(t.fakes.prod.count('revision-metadata')).toBe(4);
    expect(t.fakes.prod.count('get') + t.fakes.prod.count('list')).toBe(0);
  });

  it('404s for unknown entities and 400s for path characters in entity params', async () => {
    const missing = await request(t.server)
      .get('/api/argocd/entities/component/default/nope')
      .set('authorization', user());
    expect(missing.status).toBe(404);
    const bad = await request(t.server)
      .get('/api/argocd/entities/component/default/a%2F..%2Fb')
      .set('authorization', user());
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/Invalid name/);
  });

  it('lets owners sync (audited) and tells others who may', async () => {
    t.fakes.prod.resetCounts();
    const res = await request(t.server)
      .post('/api/argocd/entities/component/default/shop/sync')
      .set('authorization', user())
      .send({ applications: [{ instance: 'prod', name: 'cart' }] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      action: 'sync',
      entityRef: 'component:default/shop',
      results: [
        { instance: 'prod', name: 'cart', ok: true, detail: 'Succeeded' },
      ],
    });
    expect(t.fakes.prod.count('sync')).toBe(1);
    expect(t.events.at(-1)).toMatchObject({
      eventId: 'argocd-application-sync',
      outcome: 'succeeded',
    });

    const denied = await request(t.server)
      .post('/api/argocd/entities/component/default/shop/refresh')
      .set('authorization', user())
      .send({});
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe(
      'Only the owners of component:default/shop (group:default/team-a) and admins may hard-refresh its Argo CD applications.',
    );
    expect(t.fakes.prod.count('refresh')).toBe(0);
    expect(t.events.at(-1)).toMatchObject({
      eventId: 'argocd-application-refresh',
      outcome: 'failed',
    });

    const foreign = await request(t.server)
      .post('/api/argocd/entities/component/default/shop/sync')
      .set('authorization', user())
      .send({ applications: [{ instance: 'prod', name: 'payments' }] });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.message).toMatch(
      /does not belong to component:default\/shop/,
    );
    const badBody = await request(t.server)
      .post('/api/argocd/entities/component/default/shop/sync')
      .set('authorization', user())
      .send({ applications: [{ instance: 'prod', name: '../x' }] });
    expect(badBody.status).toBe(400);
    expect(badBody.body.error.message).toMatch(/applications\.0\.name/);
  });

  it('keeps serving the last good data of an instance that went down, marked stale with the error', async () => {
    t.fakes.staging.fault = { kind: 'down' };
    try {
      // the failed sync triggers a refresh of the instance, which fails too
      const sync = await request(t.server)
        .post('/api/argocd/entities/component/default/pinned/sync')
        .set('authorization', user())
        .send({});
      expect(sync.status).toBe(503);
      expect(sync.body.error.message).toMatch(
        /Argo CD instance 'staging': unreachable/,
      );
      expect(t.events.at(-1)).toMatchObject({
        eventId: 'argocd-application-sync',
        outcome: 'failed',
      });
      let body: any;
      for (let i = 0; i < 100; i++) {
        const res = await request(t.server)
          .post('/api/argocd/status')
          .set('authorization', user())
          .send({
            entityRefs: ['component:default/pinned', 'component:default/shop'],
          });
        body = res.body;
        if (
          body.instances.find((s: any) => s.name === 'staging').status ===
          'stale'
        )
          break;
        await new Promise(r => setTimeout(r, 100));
      }
      const staging = body.instances.find((s: any) => s.name === 'staging');
      expect(staging).toMatchObject({
        status: 'stale',
        error: expect.stringMatching(/unreachable/),
      });
      expect(staging.ageSeconds).toBeGreaterThanOrEqual(0);
      expect(body.items['component:default/pinned']).toMatchObject({
        state: 'ok',
        degradedInstances: ['staging'],
        applications: [
          expect.objectContaining({ instance: 'staging', name: 'payments' }),
        ],
      });
      expect(body.items['component:default/shop'].degradedInstances).toEqual([
        'staging',
      ]);
      expect(body.items['component:default/shop'].applications).toHaveLength(3);
      const detail = await request(t.server)
        .get('/api/argocd/entities/component/default/pinned')
        .set('authorization', user());
      expect(detail.status).toBe(200);
      expect(detail.body.instances).toEqual([
        expect.objectContaining({ name: 'staging', status: 'stale' }),
      ]);
    } finally {
      t.fakes.staging.fault = { kind: 'none' };
    }
  });
});
