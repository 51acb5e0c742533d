import { freePort } from '@internal/plugin-portico-node/testUtils';
import { FakeArgoCd } from './FakeArgoCd';
import { loadArgoValidators } from './argoSwagger';
import { FAKE_COMMIT_AUTHORS } from './fakeCommits';

const validator = loadArgoValidators();

function expectValid(definition: string, body: unknown) {
  const validate = validator(definition);
  const ok = validate(body);
  if (!ok)
    throw new Error(
      `${definition}: ${JSON.stringify(validate.errors?.slice(0, 5))}`,
    );
}

describe('FakeArgoCd', () => {
  let fake: FakeArgoCd;
  const auth = { authorization: 'Bearer static-token' };

  beforeAll(async () => {
    fake = await FakeArgoCd.start({
      tokens: ['static-token'],
      users: { admin: 'secret' },
      apps: [
        {
          name: 'payments',
          labels: { team: 'pay', 'app.kubernetes.io/part-of': 'shop' },
        },
        {
          name: 'cart',
          labels: { team: 'shop' },
          syncStatus: 'OutOfSync',
          healthStatus: 'Degraded',
        },
        { name: 'chart-app', chart: 'nginx', historyLength: 5 },
        { name: 'running', operationRunning: true, historyLength: 0 },
        { name: 'payments', namespace: 'team-pay', labels: { team: 'pay' } },
      ],
    });
  });
  afterAll(() => fake.close());
  afterEach(() => {
    fake.fault = { kind: 'none' };
  });

  const get = (p: string, headers: Record<string, string> = auth) =>
    fetch(`${fake.url}${p}`, { headers });

  it('validates the swagger validator itself rejects an invented field', () => {
    expect(
      validator('v1alpha1RevisionMetadata')({ author: 'a', invented: 1 }),
    ).toBe(false);
    expect(validator('v1alpha1RevisionMetadata')({ date: 'not a date' })).toBe(
      false,
    );
  });

  it('serves a list that matches v1alpha1ApplicationList', async () => {
    const res = await get('/api/v1/applications');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.items).toHaveLength(5);
    expectValid('v1alpha1ApplicationList', body);
  });

  it('applies field selection, label selectors and appNamespace', async () => {
    const res = await get(
      '/api/v1/applications?selector=team%3Dpay&fields=items.metadata.name,items.status.sync.status,metadata.resourceVersion',
    );
    const body = await res.json();
    expectValid('v1alpha1ApplicationList', body);
    expect(body.metadata.resourceVersion).toBe('5');
    expect(body.items).toEqual([
      {
        metadata: { name: 'payments' },
        status: { sync: { status: 'Synced' } },
      },
      {
        metadata: { name: 'payments' },
        status: { sync: { status: 'Synced' } },
      },
    ]);
    const nsBody = await (
      await get('/api/v1/applications?appNamespace=team-pay')
    ).json();
    expect(nsBody.items.map((a: any) => a.metadata.namespace)).toEqual([
      'team-pay',
    ]);
    const bad = await get('/api/v1/applications?selector=team%3D%3Dpay%20in');
    expect(bad.status).toBe(400);
    expectValid('runtimeError', await bad.json());
  });

  it('serves one application, its resource tree and revision metadata', async () => {
    for (const name of ['payments', 'cart', 'chart-app', 'running']) {
      const app = await (await get(`/api/v1/applications/${name}`)).json();
      expectValid('v1alpha1Application', app);
      const tree = await (
        await get(`/api/v1/applications/${name}/resource-tree`)
      ).json();
      expectValid('v1alpha1ApplicationTree', tree);
      for (const h of app.status.history) {
        const res = await get(
          `/api/v1/applications/${name}/revisions/${h.revision}/metadata`,
        );
        const meta = await res.json();
        expectValid('v1alpha1RevisionMetadata', meta);
        expect(FAKE_COMMIT_AUTHORS).toContain(meta.author);
        expect(meta.message).toContain(name);
        expect(Date.parse(meta.date)).toBeLessThan(
          Date.parse(h.deployStartedAt),
        );
      }
    }
    const cart = await (await get('/api/v1/applications/cart')).json();
    expect(cart.status.sync.status).toBe('OutOfSync');
    expect(cart.status.sync.revision).not.toBe(
      cart.status.history.at(-1).revision,
    );
    const namespaced = await (
      await get('/api/v1/applications/payments?appNamespace=team-pay')
    ).json();
    expect(namespaced.metadata.namespace).toBe('team-pay');
  });

  it('serves the commit metadata it was given for a revision', async () => {
    const revision = 'a'.repeat(40);
    fake.commits.set(revision, {
      author: 'Bob Brennan <bob@portico.example>',
      date: '2026-12-01T10:00:00Z',
      message: 'Raise payments replicas to 3',
    });
    const meta = await (
      await get(`/api/v1/applications/payments/revisions/${revision}/metadata`)
    ).json();
    expectValid('v1alpha1RevisionMetadata', meta);
    expect(meta.message).toBe('Raise payments replicas to 3');
    fake.commits.delete(revision);
  });

  it('listens on the port it is given', async () => {
    const port = await freePort();
    const fixed = await FakeArgoCd.start({ port, tokens: ['t'] });
    try {
      expect(fixed.url).toBe(`http://127.0.0.1:${port}`);
      const res = await fetch(`${fixed.url}/api/v1/applications`, {
        headers: { authorization: 'Bearer t' },
      });
      expect(res.status).toBe(200);
    } finally {
      await fixed.close();
    }
  });

  it('answers 404 with an Argo CD error body for a missing application', async () => {
    const res = await get('/api/v1/applications/nope');
    expect(res.status).toBe(404);
    const body = await res.json();
    expectValid('runtimeError', body);
    expect(body.message).toBe('applications.argoproj.io "nope" not found');
  });

  it('syncs and hard-refreshes', async () => {
    const res = await fetch(`${fake.url}/api/v1/applications/cart/sync`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'cart', prune: false }),
    });
    const app = await res.json();
    expectValid('v1alpha1Application', app);
    expect(app.status.sync.status).toBe('Synced');
    expect(app.status.history.at(-1).revision).toBe(app.status.sync.revision);
    const before = fake.count('refresh');
    const refreshed = await (
      await get('/api/v1/applications/cart?refresh=hard')
    ).json();
    expectValid('v1alpha1Application', refreshed);
    expect(fake.count('refresh')).toBe(before + 1);
  });

  it('logs in with username/password, and session tokens expire', async () => {
    const short = await FakeArgoCd.start({
      users: { admin: 'secret' },
      sessionTtlSeconds: 1,
      apps: [{ name: 'a' }],
    });
    try {
      const bad = await fetch(`${short.url}/api/v1/session`, {
        method: 'POST',
        body: JSON.stringify({ username: 'admin', password: 'wrong' }),
      });
      expect(bad.status).toBe(401);
      const res = await fetch(`${short.url}/api/v1/session`, {
        method: 'POST',
        body: JSON.stringify({ username: 'admin', password: 'secret' }),
      });
      const body = await res.json();
      expectValid('sessionSessionResponse', body);
      const payload = JSON.parse(
        Buffer.from(body.token.split('.')[1], 'base64url').toString(),
      );
      expect(payload.exp - payload.iat).toBe(1);
      const ok = await fetch(`${short.url}/api/v1/applications`, {
        headers: { authorization: `Bearer ${body.token}` },
      });
      expect(ok.status).toBe(200);
      await new Promise(r => setTimeout(r, 2100));
      const expired = await fetch(`${short.url}/api/v1/applications`, {
        headers: { authorization: `Bearer ${body.token}` },
      });
      expect(expired.status).toBe(401);
      expect(short.count('session')).toBe(2);
    } finally {
      await short.close();
    }
  });

  it("gives a team's application the platform's label and project, and refuses calls naming another project", async () => {
    const teams = await FakeArgoCd.start({
      tokens: ['t'],
      apps: [{ name: 'svc', team: 'team-a' }, { name: 'loose' }],
    });
    const h = { authorization: 'Bearer t', 'content-type': 'application/json' };
    try {
      const svc = await (
        await fetch(`${teams.url}/api/v1/applications/svc`, { headers: h })
      ).json();
      expectValid('v1alpha1Application', svc);
      expect(svc.metadata.labels).toEqual({ 'portico.io/team': 'team-a' });
      expect(svc.spec.project).toBe('team-team-a');
      const loose = await (
        await fetch(`${teams.url}/api/v1/applications/loose`, { headers: h })
      ).json();
      expect(loose.metadata.labels).toEqual({});
      expect(loose.spec.project).toBe('default');

      const wrong = await fetch(`${teams.url}/api/v1/applications/svc/sync`, {
        method: 'POST',
        headers: h,
        body: JSON.stringify({ name: 'svc', project: 'team-team-b' }),
      });
      expect(wrong.status).toBe(403);
      expectValid('runtimeError', await wrong.json());
      const wrongRefresh = await fetch(
        `${teams.url}/api/v1/applications/svc?refresh=hard&project=default`,
        { headers: h },
      );
      expect(wrongRefresh.status).toBe(403);
      expect(teams.count('permission-denied')).toBe(2);
      expect(teams.count('refresh')).toBe(0);
      const right = await fetch(`${teams.url}/api/v1/applications/svc/sync`, {
        method: 'POST',
        headers: h,
        body: JSON.stringify({ name: 'svc', project: 'team-team-a' }),
      });
      expect(right.status).toBe(200);
    } finally {
      await teams.close();
    }
  });

  it('refuses requests without a valid token', async () => {
    const res = await get('/api/v1/applications', {
      authorization: 'Bearer nope',
    });
    expect(res.status).toBe(401);
    expectValid('runtimeError', await res.json());
  });

  it('injects 5xx, timeouts, outages and latency proportional to list size', async () => {
    fake.fault = { kind: 'error', status: 502 };
    expect((await get('/api/v1/applications')).status).toBe(502);
    fake.fault = { kind: 'down' };
    await expect(get('/api/v1/applications')).rejects.toThrow();
    fake.fault = { kind: 'timeout' };
    await expect(
      fetch(`${fake.url}/api/v1/applications`, {
        headers: auth,
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow();
    fake.fault = { kind: 'none' };
    fake.latency = { baseMs: 0, perItemMs: 40 };
    const started = Date.now();
    await get('/api/v1/applications');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    fake.latency = { baseMs: 0, perItemMs: 0 };
  });

  it('counts requests per route', async () => {
    fake.resetCounts();
    await get('/api/v1/applications');
    await get('/api/v1/applications/payments');
    await get('/api/v1/applications/missing');
    expect(fake.count('list')).toBe(1);
    expect(fake.count('get')).toBe(1);
    expect(fake.count('not-found')).toBe(1);
    expect(fake.totalRequests).toBe(3);
  });
});
