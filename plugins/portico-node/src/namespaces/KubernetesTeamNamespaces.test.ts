import { UpstreamManifestValidator } from '@internal/deployment-checks/testUtils';
import {
  type FakeNamespaceApiServer,
  startFakeNamespaceApiServer,
} from '../testing/fakeNamespaceApiServer';
import { KubernetesTeamNamespaces } from './KubernetesTeamNamespaces';

const validator = UpstreamManifestValidator.load();

describe('fake namespace kube-apiserver', () => {
  let kube: FakeNamespaceApiServer;
  beforeAll(async () => {
    kube = await startFakeNamespaceApiServer();
    kube.addNamespace('payments', { 'portico.io/team': 'team-a' });
    kube.addNamespace('kube-system');
  });
  afterAll(() => kube.stop());

  const get = (path: string, token = kube.token) =>
    fetch(`${kube.url}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });

  it.each([
    ['/api/v1/namespaces?labelSelector=portico.io%2Fteam%3Dteam-a', 200],
    ['/api/v1/namespaces', 200],
    ['/api/v1/namespaces/payments', 200],
    ['/api/v1/namespaces/nowhere', 404],
    ['/api/v1/namespaces?labelSelector=portico.io%2Fteam%3Da%20b', 400],
  ])(
    'answers %s (%s) with a body valid against the Kubernetes 1.35 OpenAPI',
    async (path, status) => {
      const res = await get(path);
      expect(res.status).toBe(status);
      const body = await res.json();
      expect(validator.validate(body)).toEqual({ valid: true, errors: [] });
    },
  );

  it('filters the list by the label selector and refuses a wrong token', async () => {
    const list = await (
      await get('/api/v1/namespaces?labelSelector=portico.io%2Fteam%3Dteam-a')
    ).json();
    expect(list.items.map((i: any) => i.metadata.name)).toEqual(['payments']);
    const denied = await get('/api/v1/namespaces', 'nope');
    expect(denied.status).toBe(401);
    expect(validator.validate(await denied.json()).valid).toBe(true);
  });
});

describe('KubernetesTeamNamespaces', () => {
  let kube: FakeNamespaceApiServer;
  beforeAll(async () => {
    kube = await startFakeNamespaceApiServer();
    kube.addNamespace('payments', { 'portico.io/team': 'team-a' });
    kube.addNamespace('checkout', { 'portico.io/team': 'team-a' });
    kube.addNamespace('search', { 'portico.io/team': 'team-b' });
    kube.addNamespace('unlabelled');
  });
  afterAll(() => kube.stop());

  const service = (
    options: Partial<
      ConstructorParameters<typeof KubernetesTeamNamespaces>[0]
    > = {},
  ) =>
    new KubernetesTeamNamespaces({
      url: kube.url,
      token: kube.token,
      // the fake speaks plain HTTP, which the client allows only with skipTLSVerify
      skipTLSVerify: true,
      cacheMillis: 60_000,
      ...options,
    });
  const requestsSince = (before: number) => kube.requests.slice(before);

  it("lists a team's namespaces from the Namespaces' portico.io/team label", async () => {
    const before = kube.requests.length;
    const teams = service();
    await expect(teams.namespacesOf('team-a')).resolves.toEqual([
      'checkout',
      'payments',
    ]);
    await expect(teams.namespacesOf('team-b')).resolves.toEqual(['search']);
    await expect(teams.namespacesOf('team-z')).resolves.toEqual([]);
    expect(requestsSince(before)).toEqual([
      'GET /api/v1/namespaces?labelSelector=portico.io%2Fteam%3Dteam-a',
      'GET /api/v1/namespaces?labelSelector=portico.io%2Fteam%3Dteam-b',
      'GET /api/v1/namespaces?labelSelector=portico.io%2Fteam%3Dteam-z',
    ]);
  });

  it('says who holds a namespace, and that an unlabelled or missing one is nobody’s', async () => {
    const teams = service();
    await expect(teams.ownerOf('search')).resolves.toEqual({
      exists: true,
      team: 'team-b',
    });
    await expect(teams.ownerOf('unlabelled')).resolves.toEqual({
      exists: true,
    });
    await expect(teams.ownerOf('nowhere')).resolves.toEqual({ exists: false });
  });

  it.each([['team-a,portico.io/team!=x'], [''], ['Team A']])(
    'answers a team name %j that is not one without asking the API server',
    async name => {
      const before = kube.requests.length;
      await expect(service().namespacesOf(name)).resolves.toEqual([]);
      expect(requestsSince(before)).toEqual([]);
    },
  );

  it.each([['../namespaces'], ['a'.repeat(64)], ['kube_system']])(
    'answers a namespace name %j that is not one without asking the API server',
    async name => {
      const before = kube.requests.length;
      await expect(service().ownerOf(name)).resolves.toEqual({
        exists: false,
      });
      expect(requestsSince(before)).toEqual([]);
    },
  );

  it('asks once for concurrent lookups and reuses the answer for cacheMillis', async () => {
    const teams = service();
    const before = kube.requests.length;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => teams.namespacesOf('team-a')),
    );
    expect(new Set(answers.map(a => a.join()))).toEqual(
      new Set(['checkout,payments']),
    );
    await teams.namespacesOf('team-a');
    expect(requestsSince(before)).toHaveLength(1);
    // a caller cannot change the cached list
    answers[0].push('kube-system');
    await expect(teams.namespacesOf('team-a')).resolves.toEqual([
      'checkout',
      'payments',
    ]);
  });

  it('sees a new namespace once the cache time is over', async () => {
    const teams = service({ cacheMillis: 1 });
    await expect(teams.namespacesOf('team-b')).resolves.toEqual(['search']);
    kube.addNamespace('search-staging', { 'portico.io/team': 'team-b' });
    await new Promise(r => setTimeout(r, 5));
    await expect(teams.namespacesOf('team-b')).resolves.toEqual([
      'search',
      'search-staging',
    ]);
    kube.removeNamespace('search-staging');
  });

  it('keeps a flood of made-up names within the negative bound, without pushing real answers out', async () => {
    const teams = service({ maxNegativeEntries: 50 });
    await teams.namespacesOf('team-a');
    await teams.ownerOf('payments');
    for (let i = 0; i < 300; i++) {
      await teams.ownerOf(`made-up-${i}`);
      await teams.namespacesOf(`made-up-team-${i}`);
    }
    expect(teams.cacheStats()).toMatchObject({
      entries: 2,
      negativeEntries: 50,
    });
    const before = kube.requests.length;
    await teams.namespacesOf('team-a');
    await teams.ownerOf('payments');
    expect(requestsSince(before)).toEqual([]); // still cached
    await teams.ownerOf('made-up-0');
    expect(requestsSince(before)).toEqual(['GET /api/v1/namespaces/made-up-0']); // evicted
  });

  it('bounds the cached answers in bytes, not only in entries', async () => {
    for (let i = 0; i < 40; i++) {
      kube.addNamespace(`big-${String(i).padStart(2, '0')}-${'x'.repeat(50)}`, {
        'portico.io/team': 'team-big',
      });
    }
    const teams = service({ maxBytes: 2000 });
    await expect(teams.namespacesOf('team-big')).resolves.toHaveLength(40);
    // one list of 40 long names is over the 2000-byte budget: answered, not kept
    expect(teams.cacheStats()).toMatchObject({ entries: 0, bytes: 0 });
    await teams.namespacesOf('team-a');
    await teams.namespacesOf('team-b');
    await teams.ownerOf('payments');
    expect(teams.cacheStats().bytes).toBeLessThanOrEqual(2000);
    expect(teams.cacheStats().entries).toBe(3);
  });

  it('does not cache a failure and does not pass on the API server’s answer', async () => {
    const teams = new KubernetesTeamNamespaces({
      url: kube.url,
      token: 'wrong-token',
      skipTLSVerify: true,
      cacheMillis: 60_000,
    });
    const before = kube.requests.length;
    const error = await teams.namespacesOf('team-a').catch(e => e as Error);
    expect((error as Error).message).toBe(
      'Kubernetes API: could not list the Namespaces of team team-a (HTTP 401)',
    );
    await expect(teams.ownerOf('payments')).rejects.toThrow(
      'Kubernetes API: could not read Namespace payments (HTTP 401)',
    );
    await expect(teams.namespacesOf('team-a')).rejects.toThrow(/HTTP 401/);
    expect(requestsSince(before)).toHaveLength(3);
    expect(teams.cacheStats()).toMatchObject({
      entries: 0,
      negativeEntries: 0,
      inFlight: 0,
    });
  });
});
