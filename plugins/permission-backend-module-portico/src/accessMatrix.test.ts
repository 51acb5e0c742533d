/*
 * The access matrix: every route that changes something or reveals something sensitive, for each
 * kind of caller, against a real backend: real sign-in through a Dex-like OIDC provider (so user
 * tokens and ownership are the real ones), the real permission backend with Portico's policy, the
 * real catalog (which evaluates ownership conditions in its database), a static service token with
 * access restrictions, all on PostgreSQL.
 * A route registered by a Portico backend plugin that is missing here fails the test.
 */
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { Permission } from '@backstage/plugin-permission-common';
import {
  catalogEntityDeletePermission,
  catalogEntityRefreshPermission,
} from '@backstage/plugin-catalog-common/alpha';
import authPlugin from '@backstage/plugin-auth-backend';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { authModuleDexProvider } from '@internal/plugin-auth-backend-module-dex-provider';
import {
  DexLikeServer,
  freePort,
  signInRoundTrip,
  startDexLikeServer,
} from '@internal/plugin-auth-backend-module-dex-provider/testUtils';
import { ownerOnlyEntityPermissions } from '@internal/plugin-portico-permissions-common';
import { auditPlugin } from '@internal/plugin-audit-backend';
import { auditorServiceFactory } from '@internal/plugin-audit-node';
import { argocdPlugin } from '@internal/plugin-argocd-backend';
import { FakeArgoCd } from '@internal/plugin-argocd-backend/testUtils';
import { provisioningPlugin } from '@internal/plugin-provisioning-backend';
import { observabilityPlugin } from '@internal/plugin-observability-backend';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { permissionModulePorticoPolicy } from './module';
import { porticoBackendRoutes } from './__testUtils__/porticoRoutes';
import { MATRIX_CATALOG, MATRIX_USERS } from './__testUtils__/matrixOrg';

jest.setTimeout(240_000);

const PG_URL = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const SERVICE_TOKEN = 'access-matrix-service-token-0123456789';
const ARGOCD_TOKEN = 'access-matrix-argocd-token-0123456789';

type Caller = 'owner' | 'member' | 'nonOwner' | 'admin' | 'auditor' | 'anonymous' | 'service';
const ALL: Caller[] = ['owner', 'member', 'nonOwner', 'admin', 'auditor', 'anonymous', 'service'];
const USER_OF: Partial<Record<Caller, string>> = {
  owner: 'bob',
  member: 'dan',
  nonOwner: 'carol',
  admin: 'alice',
  auditor: 'erin',
};

/** The entity each caller acts on: owned by bob himself for `owner`, by bob's and dan's team otherwise. */
const TARGET: Record<Caller, string> = {
  owner: 'component:default/bobs-tool',
  member: 'component:default/payments-svc',
  nonOwner: 'component:default/payments-svc',
  admin: 'component:default/payments-svc',
  auditor: 'component:default/payments-svc',
  anonymous: 'component:default/payments-svc',
  service: 'component:default/payments-svc',
};

type Expect = 'allow' | 'deny' | 'unauthenticated';
const OWNERS_ACT: Record<Caller, Expect> = {
  owner: 'allow',
  member: 'allow',
  nonOwner: 'deny',
  admin: 'allow',
  auditor: 'deny',
  anonymous: 'unauthenticated',
  service: 'deny',
};

/** Everyone signed in reads (the service token is restricted to the catalog). */
const SIGNED_IN_READ: Record<Caller, Expect> = {
  owner: 'allow',
  member: 'allow',
  nonOwner: 'allow',
  admin: 'allow',
  auditor: 'allow',
  anonymous: 'unauthenticated',
  service: 'deny',
};

/** Only the workflow holding the run's own token; no Backstage credential is enough. */
const RUN_TOKEN_ONLY: Record<Caller, Expect> = {
  owner: 'unauthenticated',
  member: 'unauthenticated',
  nonOwner: 'unauthenticated',
  admin: 'unauthenticated',
  auditor: 'unauthenticated',
  anonymous: 'unauthenticated',
  service: 'unauthenticated',
};

/** The audit log: admins and auditors only. */
const AUDITORS_READ: Record<Caller, Expect> = {
  owner: 'deny',
  member: 'deny',
  nonOwner: 'deny',
  admin: 'allow',
  auditor: 'allow',
  anonymous: 'unauthenticated',
  service: 'deny',
};

/** Argo CD status: everyone signed in reads (the service token is restricted to the catalog). */
const ARGOCD_READ: Record<Caller, Expect> = {
  owner: 'allow',
  member: 'allow',
  nonOwner: 'allow',
  admin: 'allow',
  auditor: 'allow',
  anonymous: 'unauthenticated',
  service: 'deny',
};

interface RouteCase {
  /** `METHOD /api/<plugin><path>` as the plugin registers it. */
  route: string;
  expect: Record<Caller, Expect>;
  call(caller: Caller): Promise<Response>;
}

const describeWithPg = PG_URL || process.env.CI ? describe : describe.skip;

/** Everything the backend writes to stdout/stderr while the matrix runs (for the leak scan). */
const output: string[] = [];
/** Every response body the matrix received (for the leak scan). */
const responses: string[] = [];

/** A stand-in for Grafana's `/render/d-solo/` endpoint: a PNG for the right service account token. */
async function startGrafanaRenderer() {
  const server = http.createServer((req, res) => {
    if (!req.url?.startsWith('/render/d-solo/') || req.headers.authorization !== 'Bearer matrix-grafana-token') {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"Unauthorized"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>(r => server.close(() => r())),
  };
}

describeWithPg('access matrix', () => {
  let grafanaRenderer: Awaited<ReturnType<typeof startGrafanaRenderer>>;
  let dex: DexLikeServer;
  let backend: ReturnType<typeof createBackend>;
  let baseUrl = '';
  let tmp = '';
  let argocd: FakeArgoCd | undefined;
  const tokens: Partial<Record<Caller, string>> = {};

  const headers = (caller: Caller): Record<string, string> => {
    if (caller === 'anonymous') return {};
    if (caller === 'service') return { authorization: `Bearer ${SERVICE_TOKEN}` };
    return { authorization: `Bearer ${tokens[caller]}` };
  };
  const call = async (caller: Caller, method: string, p: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}${p}`, {
      method,
      headers: { ...headers(caller), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    responses.push(await res.clone().text());
    return res;
  };
  const outcome = async (res: Response): Promise<Expect> => {
    if (res.status === 401) return 'unauthenticated';
    if (res.status === 403) return 'deny';
    if (res.ok) return 'allow';
    throw new Error(`Unexpected ${res.status}: ${await res.text()}`);
  };

  /** What the permission backend answers the caller for a permission on its target entity. */
  const decide = async (caller: Caller, permission: Permission): Promise<Expect> => {
    const res = await call(caller, 'POST', '/api/permission/authorize', {
      items: [{ id: '1', permission, resourceRef: TARGET[caller] }],
    });
    if (res.status !== 200) return outcome(res);
    const body = await res.json();
    return body.items[0].result === 'ALLOW' ? 'allow' : 'deny';
  };

  const CATALOG_ROUTES: RouteCase[] = [
    {
      route: 'POST /api/catalog/refresh',
      expect: OWNERS_ACT,
      call: caller => call(caller, 'POST', '/api/catalog/refresh', { entityRef: TARGET[caller] }),
    },
  ];

  /** Routes of Portico's own backend plugins; each plugin adds its routes as it lands. */
  let someEventId = '';
  const auditRoute = (route: string, p: () => string): RouteCase => ({
    route,
    expect: AUDITORS_READ,
    call: caller => call(caller, 'GET', p()),
  });
  /** Argo CD (fake instance `matrix` holds payments-svc and bobs-tool): reads for all, actions for owners. */
  const argocdEntityPath = (caller: Caller) => `/api/argocd/entities/${TARGET[caller].replace(':', '/')}`;
  const argocdRead = (route: string, p: string, body?: unknown): RouteCase => ({
    route,
    expect: ARGOCD_READ,
    call: caller => call(caller, body ? 'POST' : 'GET', p, body),
  });
  const argocdRoutes = (): RouteCase[] => [
    argocdRead('GET /api/argocd/config', '/api/argocd/config'),
    argocdRead('POST /api/argocd/status', '/api/argocd/status', { entityRefs: [TARGET.member, TARGET.owner] }),
    argocdRead('GET /api/argocd/entities/:kind/:namespace/:name', '/api/argocd/entities/component/default/payments-svc'),
    argocdRead('GET /api/argocd/find/name/:app', '/api/argocd/find/name/payments-svc'),
    argocdRead('GET /api/argocd/find/selector/:selector', '/api/argocd/find/selector/team%3Dpayments'),
    argocdRead(
      'GET /api/argocd/argoInstance/:instance/applications/name/:app',
      '/api/argocd/argoInstance/matrix/applications/name/payments-svc',
    ),
    argocdRead(
      'GET /api/argocd/argoInstance/:instance/applications/selector/:selector',
      '/api/argocd/argoInstance/matrix/applications/selector/team%3Dpayments',
    ),
    argocdRead(
      'GET /api/argocd/argoInstance/:instance/applications/name/:app/revisions/:rev/metadata',
      '/api/argocd/argoInstance/matrix/applications/name/payments-svc/revisions/0a1b2c3d/metadata',
    ),
    ...(['sync', 'refresh'] as const).map(
      (action): RouteCase => ({
        route: `POST /api/argocd/entities/:kind/:namespace/:name/${action}`,
        expect: OWNERS_ACT,
        call: caller => call(caller, 'POST', `${argocdEntityPath(caller)}/${action}`, {}),
      }),
    ),
  ];
  /**
   * Observability (no Prometheus/Loki configured: answers say "not-configured"; Grafana is a
   * stand-in renderer): metrics, panels and cost for everyone signed in, logs for owners only.
   */
  const observabilityPath = (caller: Caller) =>
    `/api/observability/entities/${TARGET[caller].replace(':', '/')}`;
  const observabilityRead = (route: string, p: (caller: Caller) => string): RouteCase => ({
    route,
    expect: SIGNED_IN_READ,
    call: caller => call(caller, 'GET', p(caller)),
  });
  const observabilityRoutes = (): RouteCase[] => [
    observabilityRead(
      'GET /api/observability/entities/:kind/:namespace/:name/metrics/:signal',
      c => `${observabilityPath(c)}/metrics/cpu?range=1h`,
    ),
    observabilityRead('GET /api/observability/entities/:kind/:namespace/:name/summary', c => `${observabilityPath(c)}/summary`),
    observabilityRead('GET /api/observability/entities/:kind/:namespace/:name/grafana', c => `${observabilityPath(c)}/grafana?range=6h`),
    observabilityRead(
      'GET /api/observability/entities/:kind/:namespace/:name/grafana/panels/:panelId/render',
      c => `${observabilityPath(c)}/grafana/panels/2/render?range=1h`,
    ),
    observabilityRead('GET /api/observability/entities/:kind/:namespace/:name/cost', c => `${observabilityPath(c)}/cost`),
    observabilityRead('GET /api/observability/cost/teams', () => '/api/observability/cost/teams'),
    {
      route: 'GET /api/observability/entities/:kind/:namespace/:name/logs',
      expect: OWNERS_ACT,
      call: caller => call(caller, 'GET', `${observabilityPath(caller)}/logs?level=error`),
    },
  ];

  /** A provisioning run of the owner's, started once when a route case needs one. */
  let runId = '';
  const someRunId = async () => {
    if (!runId) {
      const res = await call('owner', 'POST', '/api/provisioning/runs', {
        template: 'new-environment',
        entityRef: TARGET.owner,
      });
      runId = (await res.json()).runId;
    }
    return runId;
  };

  const PORTICO_ROUTES: RouteCase[] = [
    auditRoute('GET /api/audit/events', () => '/api/audit/events?limit=5'),
    auditRoute('GET /api/audit/events.csv', () => '/api/audit/events.csv?outcome=succeeded'),
    auditRoute('GET /api/audit/events/:id', () => `/api/audit/events/${someEventId}`),
    auditRoute('GET /api/audit/status', () => '/api/audit/status'),
    auditRoute('GET /api/audit/verify', () => '/api/audit/verify'),
    ...argocdRoutes(),
    ...observabilityRoutes(),
    {
      route: 'POST /api/provisioning/runs',
      expect: OWNERS_ACT,
      call: caller =>
        call(caller, 'POST', '/api/provisioning/runs', {
          template: 'new-environment',
          entityRef: TARGET[caller],
          parameters: { environment: `matrix-${caller}` },
        }),
    },
    {
      route: 'GET /api/provisioning/runs',
      expect: SIGNED_IN_READ,
      call: caller => call(caller, 'GET', '/api/provisioning/runs?status=queued&limit=5'),
    },
    {
      route: 'GET /api/provisioning/runs/:id',
      expect: SIGNED_IN_READ,
      call: async caller => call(caller, 'GET', `/api/provisioning/runs/${await someRunId()}`),
    },
    {
      route: 'POST /api/provisioning/runs/:id/events',
      expect: RUN_TOKEN_ONLY,
      call: async caller =>
        call(caller, 'POST', `/api/provisioning/runs/${await someRunId()}/events`, {
          eventId: `matrix-${caller}`,
          step: 'namespace',
          status: 'running',
        }),
    },
  ];

  /** Audit events stored for an action, read as the admin (waits for the writer's next batch). */
  const storedEvents = async (query: string) => {
    for (let i = 0; i < 40; i++) {
      const res = await call('admin', 'GET', `/api/audit/events?${query}&limit=100`);
      const body = await res.json();
      if (body.items?.length) return body.items as Array<Record<string, any>>;
      await new Promise(r => setTimeout(r, 250));
    }
    return [];
  };

  beforeAll(async () => {
    if (!PG_URL) {
      throw new Error('BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set (run through scripts/with-postgres.sh)');
    }
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      stream.write = ((chunk: any, ...rest: any[]) => {
        output.push(String(chunk));
        return write(chunk, ...rest);
      }) as typeof stream.write;
    }
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    dex = await startDexLikeServer({
      clientId: 'portico',
      clientSecret: 'matrix-dex-secret',
      redirectUri: `${baseUrl}/api/auth/dex/handler/frame`,
      users: MATRIX_USERS,
    });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'access-matrix-'));
    fs.writeFileSync(path.join(tmp, 'catalog.yaml'), MATRIX_CATALOG);

    argocd = await FakeArgoCd.start({ tokens: [ARGOCD_TOKEN], apps: [{ name: 'payments-svc' }, { name: 'bobs-tool' }] });
    grafanaRenderer = await startGrafanaRenderer();
    backend = createBackend();
    backend.add(
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl },
          backend: {
            baseUrl,
            listen: { port, host: '127.0.0.1' },
            database: { client: 'pg', connection: PG_URL, prefix: `matrix_${Date.now().toString(36)}_` },
            auth: {
              externalAccess: [
                {
                  type: 'static',
                  options: { token: SERVICE_TOKEN, subject: 'ci' },
                  // As in production: external callers may only read the catalog.
                  accessRestrictions: [{ plugin: 'catalog', permissionAttribute: { action: ['read'] } }],
                },
              ],
            },
          },
          auth: {
            environment: 'production',
            session: { secret: 'matrix-session-secret' },
            providers: {
              dex: {
                production: {
                  metadataUrl: `${dex.issuer}/.well-known/openid-configuration`,
                  clientId: 'portico',
                  clientSecret: 'matrix-dex-secret',
                  prompt: 'auto',
                  additionalScopes: ['groups'],
                  signIn: { resolvers: [{ resolver: 'emailMatchingUserEntityWithDexGroups' }] },
                },
              },
            },
          },
          permission: { enabled: true },
          observability: {
            grafana: {
              url: grafanaRenderer.url,
              embedMode: 'render-proxy',
              serviceAccountToken: 'matrix-grafana-token',
              defaultDashboard: { uid: 'matrix', panels: [{ id: 2 }] },
            },
          },
          argocd: { instances: [{ name: 'matrix', url: argocd.url, token: ARGOCD_TOKEN }] },
          catalog: {
            rules: [{ allow: ['Component', 'User', 'Group'] }],
            locations: [{ type: 'file', target: path.join(tmp, 'catalog.yaml') }],
          },
        },
      }),
    );
    backend.add(authPlugin);
    backend.add(authModuleDexProvider);
    backend.add(catalogPlugin);
    backend.add(permissionPlugin);
    backend.add(permissionModulePorticoPolicy);
    backend.add(auditorServiceFactory);
    backend.add(auditPlugin);
    backend.add(argocdPlugin);
    backend.add(provisioningPlugin);
    backend.add(observabilityPlugin);
    await backend.start();

    // The catalog must know the users before they can sign in.
    for (let i = 0; i < 240; i++) {
      const res = await call('service', 'GET', '/api/catalog/entities/by-query?filter=kind=user,kind=component&limit=50');
      if (res.ok && (await res.json()).items.length === 7) break;
      await new Promise(r => setTimeout(r, 250));
    }
    for (const [caller, login] of Object.entries(USER_OF)) {
      const frame = await signInRoundTrip({ backendBaseUrl: baseUrl, provider: 'dex', env: 'production', login: login! });
      if (!('response' in frame)) throw new Error(`${login} could not sign in: ${frame.error.message}`);
      tokens[caller as Caller] = frame.response.backstageIdentity.token;
    }
    // The Argo CD snapshot of the fake instance is taken by the scheduler right after start.
    for (let i = 0; i < 240; i++) {
      const res = await call('admin', 'GET', '/api/argocd/find/name/payments-svc');
      if (res.ok && (await res.json()).length === 1) break;
      await new Promise(r => setTimeout(r, 250));
    }
    someEventId = (await storedEvents('plugin=catalog'))[0]?.id;
  });

  afterAll(async () => {
    await backend?.stop();
    await grafanaRenderer?.stop();
    await argocd?.close();
    dex?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('lists every route that Portico backend plugins register', () => {
    const listed = new Set(PORTICO_ROUTES.map(r => r.route));
    const missing = porticoBackendRoutes(path.resolve(__dirname, '../..')).filter(r => !listed.has(r));
    expect(missing).toEqual([]);
  });

  it('lets everyone signed in (and the read-only service token) read entities, nobody anonymous', async () => {
    for (const caller of ALL) {
      const res = await call(caller, 'GET', '/api/catalog/entities/by-name/component/default/payments-svc');
      expect([caller, await outcome(res)]).toEqual([caller, caller === 'anonymous' ? 'unauthenticated' : 'allow']);
    }
  });

  describe.each(
    [...ownerOnlyEntityPermissions, catalogEntityDeletePermission, catalogEntityRefreshPermission].map(
      p => [p.name, p] as const,
    ),
  )('permission %s', (_name, permission) => {
    it.each(ALL)('is decided for %s', async caller => {
      // The service token is restricted to reading the catalog: the permission backend refuses it.
      expect(await decide(caller, permission)).toBe(OWNERS_ACT[caller]);
    });
  });

  describe.each([...CATALOG_ROUTES, ...PORTICO_ROUTES].map(r => [r.route, r] as const))('%s', (_route, routeCase) => {
    it.each(ALL)('answers %s as expected', async caller => {
      const res = await routeCase.call(caller);
      expect([caller, await outcome(res)]).toEqual([caller, routeCase.expect[caller]]);
    });
  });

  describe('audit trail of acting on an entity', () => {
    it('refuses an anonymous refresh before the route runs, so nothing is started or stored', async () => {
      const res = await call('anonymous', 'POST', '/api/catalog/refresh', { entityRef: TARGET.anonymous });
      expect(res.status).toBe(401);
      const events = await storedEvents('action=catalog.entity-mutate');
      expect(events.filter(e => e.actor.type === 'anonymous')).toEqual([]);
    });

    it.each(ALL.filter(c => c !== 'anonymous'))('stores the outcome of a refresh by %s', async caller => {
      const res = await call(caller, 'POST', '/api/catalog/refresh', { entityRef: TARGET[caller] });
      const expected = OWNERS_ACT[caller] === 'allow' ? 'succeeded' : 'failed';
      expect(await outcome(res)).toBe(OWNERS_ACT[caller]);
      const requestIds = new Set<string>();
      const events = await storedEvents(
        `action=catalog.entity-mutate&entityRef=${encodeURIComponent(TARGET[caller])}&outcome=${expected}`,
      );
      const actorId = USER_OF[caller] ? `user:default/${USER_OF[caller]}` : undefined;
      const mine = events.filter(e =>
        caller === 'service' ? e.actor.type === 'service' : e.actor.id === actorId,
      );
      expect(mine.length).toBeGreaterThan(0);
      for (const e of mine) requestIds.add(e.requestId);
      // Each stored outcome is paired with the `initiated` event of the same request.
      const initiated = await storedEvents(`action=catalog.entity-mutate&outcome=initiated&entityRef=${encodeURIComponent(TARGET[caller])}`);
      expect(initiated.some(e => requestIds.has(e.requestId))).toBe(true);
    });

    it('leaks no secret into logs, audit rows or responses', async () => {
      // Responses so far: none may carry a secret (the calls below echo the caller's own input back).
      const responsesBefore = responses.join('\n');
      // Secrets travelling where they should not: a token in a query string, a token in a body.
      await call('admin', 'GET', `/api/catalog/entities?limit=1&access_token=${SERVICE_TOKEN}`);
      await call('owner', 'POST', '/api/catalog/refresh', {
        entityRef: TARGET.owner,
        authorizationToken: tokens.owner,
      });
      const secrets = [SERVICE_TOKEN, ARGOCD_TOKEN, 'matrix-dex-secret', 'matrix-session-secret', ...Object.values(tokens)];
      const csv = await (await call('admin', 'GET', '/api/audit/events.csv')).text();
      expect(csv.split('\n').length).toBeGreaterThan(10);
      const places = { logs: output.join(''), auditRows: csv, responses: responsesBefore };
      for (const [place, text] of Object.entries(places)) {
        for (const secret of secrets) {
          const at = text.indexOf(secret!);
          expect([place, at < 0 ? 'clean' : text.slice(Math.max(0, at - 150), at + 20)]).toEqual([place, 'clean']);
        }
      }
    });

    it('keeps an intact hash chain through all of it', async () => {
      const res = await call('auditor', 'GET', '/api/audit/verify');
      expect(await res.json()).toMatchObject({ ok: true });
    });
  });
});
