import { mockCredentials } from '@backstage/backend-test-utils';
import { waitFor } from '@internal/plugin-portico-node/testUtils';
import { isRight } from 'fp-ts/Either';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { roadieApi, roadieTypes } from '../testing/roadieCodecs';
import {
  SOURCE_SECRETS,
  componentEntity,
  startArgoTestBackend,
} from '../testing/startArgoTestBackend';
import { rawBody } from '../testing/rawBody';

jest.setTimeout(60_000);

function decodes(codec: any, body: unknown): boolean {
  return isRight(codec.decode(body));
}

describe('Roadie-compatible routes', () => {
  let t: Awaited<ReturnType<typeof startArgoTestBackend>>;
  const auth = () => mockCredentials.user.header('user:default/bob');
  const get = (path: string) =>
    request(t.server).get(`/api/argocd${path}`).set('authorization', auth());
  const upstream = () =>
    Object.values(t.fakes).reduce((s, f) => s + f.totalRequests, 0);

  beforeAll(async () => {
    t = await startArgoTestBackend({
      entities: [
        componentEntity('payments', { 'argocd/app-name': 'payments' }),
      ],
    });
    await waitFor(
      'the first refresh of every instance',
      async () => (await get('/find/name/payments')).body.length === 2,
      { timeoutMs: 20_000, intervalMs: 50 },
    );
    await t.settled({ prefetched: true });
  });
  afterAll(() => t.close());

  it('finds the instances that hold an application (only those)', async () => {
    const res = await get('/find/name/payments');
    expect(res.status).toBe(200);
    expect(decodes(roadieTypes.argoCDServiceList, res.body)).toBe(true);
    expect(res.body).toEqual([
      {
        name: 'prod',
        url: 'https://argocd.example.com',
        appName: ['payments'],
      },
      { name: 'staging', url: t.fakes.staging.url, appName: ['payments'] },
    ]);
    expect((await get('/find/name/unknown')).body).toEqual([]);
    const sel = await get(`/find/selector/${encodeURIComponent('team=shop')}`);
    expect(decodes(roadieTypes.argoCDServiceList, sel.body)).toBe(true);
    expect(sel.body).toEqual([
      {
        name: 'prod',
        url: 'https://argocd.example.com',
        appName: ['cart', 'checkout'],
      },
      { name: 'dr', url: t.fakes.dr.url, appName: ['cart'] },
    ]);
  });

  it('returns applications that Roadie decodes, with the whole history', async () => {
    const res = await get('/argoInstance/prod/applications/name/payments');
    expect(res.status).toBe(200);
    expect(decodes(roadieTypes.argoCDAppDetails, res.body)).toBe(true);
    expect(res.body.status.history).toHaveLength(4);
    expect(res.body.metadata.instance).toEqual({
      name: 'prod',
      url: 'https://argocd.example.com',
    });
    const list = await get(
      `/argoInstance/prod/applications/selector/${encodeURIComponent(
        'team in (shop)',
      )}`,
    );
    expect(decodes(roadieTypes.argoCDAppList, list.body)).toBe(true);
    expect(list.body.items.map((a: any) => a.metadata.name)).toEqual([
      'cart',
      'checkout',
    ]);
    const empty = await get(
      `/argoInstance/dr/applications/selector/${encodeURIComponent(
        'team=none',
      )}`,
    );
    expect(decodes(roadieTypes.argoCDAppList, empty.body)).toBe(true);
    expect(empty.body.items).toEqual([]);
    const namespaced = await get(
      '/argoInstance/staging/applications/name/ns-app?appNamespace=team-x',
    );
    expect(namespaced.body.metadata.namespace).toBe('team-x');
    expect(
      (
        await get(
          '/argoInstance/staging/applications/name/ns-app?appNamespace=argocd',
        )
      ).status,
    ).toBe(404);
  });

  it('returns only the fields the cards need: sources without Helm values, parameters, plugin env (also in history)', async () => {
    const one = await get('/argoInstance/prod/applications/name/helm-app');
    expect(one.status).toBe(200);
    expect(decodes(roadieTypes.argoCDAppDetails, one.body)).toBe(true);
    const reduced = {
      repoURL: 'https://charts.example.com',
      chart: 'nginx',
      targetRevision: '1.2.3',
    };
    const reducedSources = [
      reduced,
      {
        repoURL: 'https://git.example.com/platform/values.git',
        path: 'values',
        targetRevision: 'main',
      },
    ];
    expect(one.body.spec).toEqual({
      project: 'default',
      source: reduced,
      sources: reducedSources,
      destination: {
        server: 'https://kubernetes.default.svc',
        namespace: 'helm-app',
      },
    });
    expect(one.body.status.history).toHaveLength(3);
    for (const h of one.body.status.history) {
      expect(Object.keys(h).sort()).toEqual([
        'deployStartedAt',
        'deployedAt',
        'id',
        'revision',
        'source',
        'sources',
      ]);
      expect(h.source).toEqual(reduced);
      expect(h.sources).toEqual(reducedSources);
    }
    expect(Object.keys(one.body).sort()).toEqual([
      'instance',
      'metadata',
      'spec',
      'status',
    ]);
    expect(Object.keys(one.body.metadata).sort()).toEqual([
      'instance',
      'name',
      'namespace',
    ]);
    const list = await get(
      `/argoInstance/prod/applications/selector/${encodeURIComponent(
        '!nonexistent',
      )}`,
    );
    expect(decodes(roadieTypes.argoCDAppList, list.body)).toBe(true);
    expect(list.body.items.map((a: any) => a.metadata.name)).toContain(
      'helm-app',
    );
    for (const body of [one.text, list.text]) {
      for (const secret of SOURCE_SECRETS) expect(body).not.toContain(secret);
      expect(body).not.toMatch(/"(helm|plugin|kustomize|directory)"/);
    }
  });

  it('gives commit metadata only for revisions the application has, without asking Argo CD for others', async () => {
    const before = upstream();
    for (const rev of ['0a1b2c3d', 'main', 'HEAD']) {
      const res = await get(
        `/argoInstance/prod/applications/name/payments/revisions/${rev}/metadata`,
      );
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(
        `Revision ${rev} is not in the history of application 'payments' on Argo CD instance 'prod'`,
      );
    }
    expect(upstream()).toBe(before);
  });

  it('sends an application gzipped once (not twice through the compression middleware) and 304 when unchanged', async () => {
    const path = '/argoInstance/prod/applications/name/payments';
    const raw = await get(path)
      .set('accept-encoding', 'gzip')
      .buffer(true)
      .parse(rawBody);
    expect(raw.status).toBe(200);
    expect(raw.headers['content-encoding']).toBe('gzip');
    // superagent inflates one layer; a body gzipped twice would not parse
    const body = JSON.parse(raw.body.toString('utf8'));
    expect(decodes(roadieTypes.argoCDAppDetails, body)).toBe(true);
    expect(body.metadata.name).toBe('payments');
    const plain = await get(path).set('accept-encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toEqual(body);
    expect(plain.headers.etag).toBe(raw.headers.etag);
    const again = await get(path).set('if-none-match', raw.headers.etag);
    expect(again.status).toBe(304);
    // with bad credentials: 401 before anything is sent, even with the right tag
    const anonymous = await request(t.server)
      .get(`/api/argocd${path}`)
      .set('authorization', mockCredentials.user.invalidHeader())
      .set('if-none-match', raw.headers.etag);
    expect(anonymous.status).toBe(401);
  });

  it('serves revision metadata Roadie decodes, prefetched by the watcher (no Argo CD call per view)', async () => {
    const app = (await get('/argoInstance/prod/applications/name/payments'))
      .body;
    const rev = app.status.history[0].revision;
    t.fakes.prod.resetCounts();
    for (let i = 0; i < 3; i++) {
      const res = await get(
        `/argoInstance/prod/applications/name/payments/revisions/${rev}/metadata`,
      );
      expect(res.status).toBe(200);
      expect(
        decodes(roadieTypes.argoCDAppDeployRevisionDetails, res.body),
      ).toBe(true);
      expect(res.body.author).toMatch(/ <[a-z]+@portico\.example>$/);
    }
    expect(t.fakes.prod.count('revision-metadata')).toBe(0);
  });

  it('answers 404 with a message for an app not on the instance and for an unknown instance', async () => {
    const notThere = await get('/argoInstance/dr/applications/name/payments');
    expect(notThere.status).toBe(404);
    expect(notThere.body.error.message).toBe(
      "Application 'payments' is not on Argo CD instance 'dr'",
    );
    const unknown = await get(
      '/argoInstance/nowhere/applications/name/payments',
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe(
      "No Argo CD instance 'nowhere' is configured",
    );
    const meta = await get(
      '/argoInstance/dr/applications/name/payments/revisions/abc/metadata',
    );
    expect(meta.status).toBe(404);
  });

  it.each([
    ['/find/name/a%2Fb', 'app'],
    ['/find/name/%2E%2E', 'app'],
    ['/find/name/x%01y', 'app'],
    ['/find/name/payments?appNamespace=..%2Fkube-system', 'appNamespace'],
    [`/find/selector/${encodeURIComponent('team===x')}`, 'selector'],
    [`/find/selector/${encodeURIComponent('team in (a')}`, 'selector'],
    [`/find/selector/${encodeURIComponent('a\nb=c')}`, 'selector'],
    ['/argoInstance/pr%2Fod/applications/name/payments', 'instance'],
    ['/argoInstance/prod/applications/name/..%2F..%2Fsession', 'app'],
    ['/argoInstance/prod/applications/selector/%2E%2E%2F', 'selector'],
    [
      '/argoInstance/prod/applications/name/payments/revisions/abc%2F..%2Fx/metadata',
      'revision',
    ],
  ])(
    'refuses %s with a 400 naming %s, without calling Argo CD',
    async (path, param) => {
      const before = upstream();
      const res = await get(path);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(new RegExp(`^Invalid ${param}`));
      expect(upstream()).toBe(before);
    },
  );

  it("works with Roadie's own API client in backend mode", async () => {
    const port = (t.server.address() as AddressInfo).port;
    const token = mockCredentials.user.token('user:default/bob');
    const client = new roadieApi.ArgoCDApiClient({
      discoveryApi: {
        getBaseUrl: async () => `http://localhost:${port}/api/proxy`,
      },
      backendBaseUrl: `http://localhost:${port}`,
      searchInstances: true,
      identityApi: { getCredentials: async () => ({ token }) },
      useNamespacedApps: false,
    });
    const located = await client.serviceLocatorUrl({ appName: 'payments' });
    expect(located.map((l: any) => l.name)).toEqual(['prod', 'staging']);
    const details = await Promise.all(
      located.map((l: any) =>
        client.getAppDetails({ appName: 'payments', instance: l.name }),
      ),
    );
    expect(details.map((d: any) => d.status.sync.status)).toEqual([
      'Synced',
      'Synced',
    ]);
    const list = await client.getAppListDetails({
      appSelector: 'team=shop',
      instance: 'prod',
    });
    expect(list.items).toHaveLength(2);
    const rev = details[0].status.history[0].revision;
    const meta = await client.getRevisionDetails({
      app: 'payments',
      revisionID: rev,
      instanceName: 'prod',
    });
    expect(meta.message).toContain('payments');
  });
});
