import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { waitFor } from '@internal/plugin-portico-node/testUtils';
import {
  AuditRecord,
  componentEntity,
  startArgoTestBackend,
} from '../testing/startArgoTestBackend';

jest.setTimeout(60_000);

const POLL = { timeoutMs: 20_000, intervalMs: 50 };

const entities = [
  componentEntity('payments', { 'argocd/app-name': 'payments' }),
  componentEntity('shop', { 'argocd/app-selector': 'team=shop' }),
  componentEntity('pinned', {
    'argocd/app-name': 'payments',
    'argocd/instance-name': 'staging',
  }),
  componentEntity('elsewhere', {
    'argocd/app-name': 'payments',
    'argocd/instance-name': 'nowhere',
  }),
  componentEntity('plain', {}),
  componentEntity('namespaced', {
    'argocd/app-name': 'ns-app',
    'argocd/app-namespace': 'team-x',
  }),
  componentEntity('charts', { 'argocd/app-name': 'charts' }),
  // a selector that matches every application must not widen what this entity shows or acts on
  componentEntity('wide', { 'argocd/app-selector': '!nonexistent' }),
  // points at team-b's application
  componentEntity('others', { 'argocd/app-name': 'checkout' }),
  componentEntity('mislabelled', { 'argocd/app-name': 'mislabelled' }),
  // owned by a user: no team, so no application is tied to it
  componentEntity(
    'bobs',
    { 'argocd/app-name': 'payments' },
    'user:default/bob',
  ),
  componentEntity(
    'bobs-wide',
    { 'argocd/app-selector': 'team=pay' },
    'user:default/bob',
  ),
  componentEntity('moving', { 'argocd/app-name': 'moving' }),
];

describe("Portico's Argo CD routes", () => {
  let t: Awaited<ReturnType<typeof startArgoTestBackend>>;
  const user = () => mockCredentials.user.header('user:default/bob');

  beforeAll(async () => {
    t = await startArgoTestBackend({
      entities,
      allow: p => p !== 'argocd.application.refresh',
    });
    // the mock scheduler ran each instance's refresh once at startup
    await waitFor(
      'the first refresh of every instance',
      async () => {
        const res = await request(t.server)
          .get('/api/argocd/find/name/payments')
          .set('authorization', user());
        return res.body.length === 2;
      },
      POLL,
    );
    // and the watcher fetched the revision metadata of every history entry
    await t.settled({ prefetched: true });
  });
  afterAll(() => t.close());

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
    ).toEqual(['dr/cart', 'prod/cart']);
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
    // a selector finds only applications labelled with the owning team (here: team-a's)
    expect(
      items['component:default/wide'].applications
        .map((a: any) => `${a.instance}/${a.name}`)
        .sort(),
    ).toEqual([
      'dr/cart',
      'dr/moving',
      'prod/cart',
      'prod/mislabelled',
      'prod/payments',
      'staging/ns-app',
      'staging/payments',
    ]);
    expect(items['component:default/bobs-wide']).toMatchObject({
      state: 'not-found',
      applications: [],
    });
    // an application named by argocd/app-name is shown whoever it belongs to (reading is allowed)
    expect(
      items['component:default/others'].applications.map((a: any) => a.name),
    ).toEqual(['checkout']);
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

  it('gives the entity page every history entry, newest first, with commit metadata the watcher prefetched (no upstream call)', async () => {
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
      author: expect.stringMatching(/ <[a-z]+@portico\.example>$/),
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
    expect(t.fakes.prod.count('revision-metadata')).toBe(0);
    expect(
      res.body.applications.map((a: any) => [a.instance, a.actionable]),
    ).toEqual([
      ['prod', { allowed: true }],
      ['staging', { allowed: true }],
    ]);
    await request(t.server)
      .get('/api/argocd/entities/component/default/payments')
      .set('authorization', user());
    expect(t.fakes.prod.count('revision-metadata')).toBe(0);
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

  const act = (
    entity: string,
    instance: string,
    app: string,
    action: 'sync' | 'refresh' = 'sync',
    body: unknown = {},
    authorization = user(),
  ) =>
    request(t.server)
      .post(
        `/api/argocd/entities/component/default/${entity}/applications/${instance}/${app}/${action}`,
      )
      .set('authorization', authorization)
      .send(body as object);
  const lastEvent = (): AuditRecord => t.events.at(-1)!;

  it('syncs one named application of the owning team, audited (high) before Argo CD is called and before the answer', async () => {
    t.fakes.prod.resetCounts();
    const before = upstream();
    const res = await act('shop', 'prod', 'cart');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      action: 'sync',
      entityRef: 'component:default/shop',
      result: {
        instance: 'prod',
        name: 'cart',
        appNamespace: 'argocd',
        detail: 'Succeeded',
      },
    });
    expect(t.fakes.prod.count('sync')).toBe(1);
    expect(t.fakes.prod.count('permission-denied')).toBe(0);
    expect(lastEvent()).toMatchObject({
      eventId: 'argocd-application-sync',
      severityLevel: 'high',
      outcome: 'succeeded',
      meta: {
        entityRef: 'component:default/shop',
        instance: 'prod',
        application: 'cart',
      },
      outcomeMeta: {
        appNamespace: 'argocd',
        team: 'team-a',
        project: 'team-team-a',
      },
      upstreamCallsAtCreate: before,
    });
  });

  it.each([
    [
      'wide',
      'prod',
      'checkout',
      'application "checkout" is not labelled portico.io/team=team-a',
    ],
    [
      'wide',
      'prod',
      'charts',
      'application "charts" is not labelled portico.io/team=team-a',
    ],
    [
      'others',
      'prod',
      'checkout',
      'application "checkout" is not labelled portico.io/team=team-a',
    ],
    [
      'mislabelled',
      'prod',
      'mislabelled',
      'application "mislabelled" is not in project team-team-a (its project is default)',
    ],
    [
      'bobs',
      'prod',
      'payments',
      'application "payments" cannot be tied to component:default/bobs: its owner user:default/bob is not a team (a group in the default namespace)',
    ],
    [
      'shop',
      'prod',
      'payments',
      'application "payments" on instance prod is not one of component:default/shop\'s Argo CD applications (its argocd/app-name or argocd/app-selector does not point at it)',
    ],
  ])(
    'refuses to sync %s -> %s/%s with 403 naming the application and why, without calling Argo CD',
    async (entity, instance, app, message) => {
      // the watcher's background calls (metadata of revisions an earlier sync deployed) are done
      await t.settled();
      const before = upstream();
      const res = await act(entity, instance, app);
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
      expect(res.body.error.message).toBe(message);
      expect(upstream()).toBe(before);
      expect(lastEvent()).toMatchObject({
        eventId: 'argocd-application-sync',
        outcome: 'failed',
        error: message,
        outcomeMeta: { status: 403 },
        meta: {
          entityRef: `component:default/${entity}`,
          instance,
          application: app,
        },
      });
    },
  );

  it('checks the entity permission first, and tells others who may', async () => {
    const before = upstream();
    for (const [entity, app] of [
      ['shop', 'cart'],
      ['wide', 'checkout'],
    ]) {
      const denied = await act(entity, 'prod', app, 'refresh');
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toBe(
        `Only the owners of component:default/${entity} (group:default/team-a) and admins may hard-refresh its Argo CD applications.`,
      );
      expect(lastEvent()).toMatchObject({
        eventId: 'argocd-application-refresh',
        severityLevel: 'medium',
        outcome: 'failed',
      });
    }
    expect(upstream()).toBe(before);
  });

  it('refuses service principals at the route (they pass every permission check), audited', async () => {
    const before = upstream();
    const syncAs = (authorization: string) =>
      act('shop', 'prod', 'cart', 'sync', {}, authorization);
    const res = await syncAs(mockCredentials.service.header());
    expect(res.status).toBe(403);
    expect(upstream()).toBe(before);
    expect(lastEvent()).toMatchObject({
      eventId: 'argocd-application-sync',
      outcome: 'failed',
    });
    const anonymous = await syncAs(mockCredentials.user.invalidHeader());
    expect(anonymous.status).toBe(401);
  });

  it('acts on one named application only: no selector-wide route, no list in the body', async () => {
    const before = upstream();
    const wide = await request(t.server)
      .post('/api/argocd/entities/component/default/wide/sync')
      .set('authorization', user())
      .send({});
    expect(wide.status).toBe(404);
    const list = await act('shop', 'prod', 'cart', 'sync', {
      applications: [{ instance: 'prod', name: 'checkout' }],
    });
    expect(list.status).toBe(400);
    expect(list.body.error.message).toBe(
      'Invalid request: (body): unknown field applications',
    );
    const badName = await act('shop', 'prod', '..%2Fx');
    expect(badName.status).toBe(400);
    expect(badName.body.error.message).toMatch(/^Invalid app/);
    const newline = await act('shop', 'prod', 'x%0Ay');
    expect(newline.status).toBe(400);
    // the refused attempt is audited, on one line
    expect(lastEvent()).toMatchObject({
      outcome: 'failed',
      meta: { application: 'x?y' },
    });
    const badNs = await act('shop', 'prod', 'cart', 'sync', {
      appNamespace: '../kube-system',
    });
    expect(badNs.status).toBe(400);
    expect(badNs.body.error.message).toMatch(/appNamespace/);
    const missing = await act('shop', 'prod', 'nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe(
      "Application 'nope' is not on Argo CD instance 'prod'",
    );
    const nowhere = await act('shop', 'nowhere', 'cart');
    expect(nowhere.status).toBe(404);
    expect(upstream()).toBe(before);
  });

  it('names the team project in the call, so Argo CD refuses an application that moved since the snapshot', async () => {
    // the snapshot still says team-team-a; Argo CD now has it in project default
    t.fakes.dr.putApp({ name: 'moving', team: 'team-a', project: 'default' });
    t.fakes.dr.resetCounts();
    const res = await act('moving', 'dr', 'moving');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(
      /^Argo CD refused to sync application "moving": .*permission denied \(is it still in project team-team-a\?\)$/,
    );
    expect(t.fakes.dr.count('permission-denied')).toBe(1);
    expect(t.fakes.dr.apps.get('argocd/moving')!.status.history).toHaveLength(
      3,
    );
    expect(lastEvent()).toMatchObject({ outcome: 'failed' });
    // the action triggered a refresh of the instance: the new project is refused by Portico itself
    await waitFor(
      'the refresh the action triggered',
      async () => {
        const again = await act('moving', 'dr', 'moving');
        return (
          again.status === 403 &&
          again.body.error.message ===
            'application "moving" is not in project team-team-a (its project is default)'
        );
      },
      POLL,
    );
  });

  it('keeps serving the last good data of an instance that went down, marked stale with the error', async () => {
    t.fakes.staging.fault = { kind: 'down' };
    // down: its open watch stream is cut too, and resuming fails
    t.fakes.staging.watch.breakAll();
    try {
      // the failed sync triggers a refresh of the instance, which fails too
      const sync = await act('pinned', 'staging', 'payments');
      expect(sync.status).toBe(503);
      expect(sync.body.error.message).toMatch(
        /Argo CD instance 'staging': unreachable/,
      );
      expect(t.events.at(-1)).toMatchObject({
        eventId: 'argocd-application-sync',
        outcome: 'failed',
        outcomeMeta: { status: 503 },
      });
      const body = await waitFor(
        'instance staging marked stale',
        async () => {
          const res = await request(t.server)
            .post('/api/argocd/status')
            .set('authorization', user())
            .send({
              entityRefs: [
                'component:default/pinned',
                'component:default/shop',
              ],
            });
          const state = res.body.instances.find(
            (s: any) => s.name === 'staging',
          );
          return state.status === 'stale' && res.body;
        },
        POLL,
      );
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
      expect(body.items['component:default/shop'].applications).toHaveLength(2);
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
