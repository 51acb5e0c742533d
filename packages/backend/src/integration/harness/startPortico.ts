/*
 * The whole Portico backend — the feature list of packages/backend/src/features.ts, nothing
 * added, nothing left out — started in this process on PostgreSQL with a test configuration and
 * the peers it talks to: a Dex-like OIDC provider (real sign-in), the loopback Git server (GitOps
 * and service repositories), a fake Argo CD, the Argo Events webhook harness and Prometheus, Loki
 * and Grafana stand-ins. The only services replaced are the root config (the test's, validated
 * as strictly as the shipped one) and the root HTTP router's setup (so the routes can be read).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createBackend } from '@backstage/backend-defaults';
import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { httpRouterServiceFactory } from '@backstage/backend-defaults/httpRouter';
import {
  AuthService,
  coreServices,
  createBackendModule,
  createServiceFactory,
  HttpRouterService,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { loadConfigSchema } from '@backstage/config-loader';
import { getPackages } from '@manypkg/get-packages';
import {
  findConfigProblems,
  strictRootConfigServiceFactory,
} from '@internal/config-validation-node';
import {
  DexLikeServer,
  freePort,
  signInRoundTrip,
  startDexLikeServer,
} from '@internal/plugin-auth-backend-module-dex-provider/testUtils';
import {
  LoopbackGitServer,
  startLoopbackGitServer,
} from '@internal/plugin-scaffolder-backend-module-platform/testUtils';
// The plugins' own fakes (their testUtils entry points), for a test harness.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { FakeArgoCd, makeFakeApplication } from '@internal/plugin-argocd-backend/testUtils';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { WebhookHarness } from '@internal/plugin-provisioning-backend/testUtils';
import { authedUrl, repoRoot, seedRepo } from '@internal/template-checks';
import { features } from '../../features';
import { Client } from 'pg';
import YAML from 'yaml';
import {
  DEX_GROUP_PREFIX,
  ORG_USERS,
  TEAM_NAMESPACES,
  orgCatalogYaml,
  servicesCatalogYaml,
} from './org';
import { DiscoveredRoute, discoverRoutes } from './routes';
import { ObservabilityUpstream, startObservabilityUpstream } from './observabilityUpstream';

/** Who makes a request: a user of the org (signed in through Dex), a key, a plugin's token, or nobody. */
export type Caller =
  | keyof typeof ORG_USERS
  | 'anonymous'
  /** The static key configured like production's (its access restrictions copied from app-config.production.yaml). */
  | 'static-key'
  /** A static key with no access restrictions at all. */
  | 'unrestricted-key'
  /** The scaffolder plugin's own service token (what any code inside the scaffolder can mint). */
  | 'plugin:scaffolder';

export interface PorticoResponse {
  status: number;
  text: string;
  body: any;
}

/** A stored audit event, as GET /api/audit/events returns it. */
export interface StoredAuditEvent {
  id: string;
  time: string;
  plugin: string;
  eventId: string;
  action: string;
  outcome: 'initiated' | 'succeeded' | 'failed';
  actor: { id?: string; type: string };
  entityRef?: string;
  request?: { method?: string; url?: string };
  meta?: Record<string, unknown>;
  error?: string;
}

export interface PorticoTestBackend {
  baseUrl: string;
  /** host:port of the loopback Git server, as template inputs (repoHost) name it. */
  gitHost: string;
  git: LoopbackGitServer;
  argocd: FakeArgoCd;
  webhook: WebhookHarness;
  observability: ObservabilityUpstream;
  /** The Argo CD instance name in the config. */
  argocdInstance: string;
  /** The secret strings of the setup (tokens, keys), for leak scans. */
  secrets: string[];
  /** The Backstage token of each signed-in user. */
  tokens: Record<string, string>;
  request(caller: Caller, method: string, path: string, body?: unknown): Promise<PorticoResponse>;
  /** Every route the running backend serves under /api/<pluginId>. */
  routes(): DiscoveredRoute[];
  /** A query on one plugin's database (`<prefix><pluginId>`). */
  query(pluginId: string, sql: string, params?: unknown[]): Promise<any[]>;
  /** Audit events matching the filters, read as the auditor (newest first, up to 500). */
  auditEvents(filters: Record<string, string>): Promise<StoredAuditEvent[]>;
  /** Every ref of every repository on the Git server: changes when anything is pushed. */
  gitState(): Promise<string>;
  /** Everything the backend wrote to stdout/stderr since start. */
  output(): string;
  stop(): Promise<void>;
}

const ARGOCD_TOKEN = 'security-checks-argocd-token-5b1e0c';
const STATIC_KEY = 'security-checks-static-key-7f3a91d2c4';
const UNRESTRICTED_KEY = 'security-checks-unrestricted-key-2c9e44';
const WEBHOOK_TOKEN = 'security-checks-eventsource-secret-91aa';
const GRAFANA_TOKEN = 'security-checks-grafana-token-0d3f';
const DEX_SECRET = 'security-checks-dex-secret-8812';
const SESSION_SECRET = 'security-checks-session-secret-77ab';
/** A secret in team-b's Helm values: it must never reach another caller. */
export const HELM_VALUES_CANARY = 'team-b-helm-db-password-canary-1d9e';

/** `app-config.yaml` merged with `app-config.production.yaml` (no substitution), to copy the shipped rules. */
function shippedConfig(): Record<string, any> {
  const read = (file: string) => YAML.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8')) ?? {};
  const merge = (a: any, b: any): any => {
    if (Array.isArray(b) || typeof b !== 'object' || b === null) return b;
    const out = { ...(typeof a === 'object' && a && !Array.isArray(a) ? a : {}) };
    for (const [k, v] of Object.entries(b)) out[k] = merge(out[k], v);
    return out;
  };
  return merge(read('app-config.yaml'), read('app-config.production.yaml'));
}

/** Replaces `${VAR}` strings in a copied piece of shipped config with the test's values. */
function fill(value: any, vars: Record<string, string>, at: string): any {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Z0-9_]+)\}/g, (_, name) => {
      if (!(name in vars)) throw new Error(`security-checks: no test value for \${${name}} at ${at}`);
      return vars[name];
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => fill(v, vars, `${at}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, vars, `${at}.${k}`)]));
  }
  return value;
}

async function waitFor<T>(what: string, ms: number, fn: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what} ${last ? `(${last})` : ''}`);
    await new Promise(r => setTimeout(r, 250));
  }
}

/** A module of the scaffolder that only hands out the scaffolder's own AuthService (to mint its tokens). */
function pluginAuthProbe(pluginId: string, onAuth: (auth: AuthService) => void) {
  return createBackendModule({
    pluginId,
    moduleId: 'security-checks-token-probe',
    register(env) {
      env.registerInit({
        deps: { auth: coreServices.auth },
        async init({ auth }) {
          onAuth(auth);
        },
      });
    },
  });
}

/**
 * The default httpRouter service, recording each handler a plugin registers (for route discovery).
 * It calls the default factory's own implementation, so every plugin gets the same router stack
 * (rate limit, credentials barrier, auth policies, error handler) as in the shipped backend.
 */
function recordingHttpRouter(registered: Array<{ pluginId: string; handler: unknown }>) {
  return createServiceFactory({
    service: coreServices.httpRouter,
    initialization: 'always',
    deps: {
      plugin: coreServices.pluginMetadata,
      config: coreServices.rootConfig,
      lifecycle: coreServices.lifecycle,
      rootHttpRouter: coreServices.rootHttpRouter,
      auth: coreServices.auth,
      httpAuth: coreServices.httpAuth,
      logger: coreServices.logger,
    },
    async factory(deps): Promise<HttpRouterService> {
      const inner: HttpRouterService = await (
        httpRouterServiceFactory as unknown as { factory(d: typeof deps): Promise<HttpRouterService> }
      ).factory(deps);
      return {
        use(handler) {
          registered.push({ pluginId: deps.plugin.getId(), handler });
          inner.use(handler);
        },
        addAuthPolicy(policy) {
          inner.addAuthPolicy(policy);
        },
      };
    },
  });
}

export async function startPorticoTestBackend(): Promise<PorticoTestBackend> {
  const pgUrl = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!pgUrl) {
    throw new Error(
      'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set (run through scripts/with-postgres.sh)',
    );
  }
  const stops: Array<() => unknown> = [];
  const output: string[] = [];
  const restoreOutput: Array<() => void> = [];
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk: any, ...rest: any[]) => {
      output.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof stream.write;
    restoreOutput.push(() => {
      stream.write = write as typeof stream.write;
    });
  }

  try {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'security-checks-'));
    stops.push(() => fs.rmSync(tmp, { recursive: true, force: true }));

    const dex: DexLikeServer = await startDexLikeServer({
      clientId: 'portico',
      clientSecret: DEX_SECRET,
      redirectUri: `${baseUrl}/api/auth/dex/handler/frame`,
      users: Object.fromEntries(
        Object.entries(ORG_USERS).map(([id, u]) => [id, { email: u.email, name: u.name, groups: u.dexGroups }]),
      ),
    });
    stops.push(() => dex.stop());

    const git = await startLoopbackGitServer();
    stops.push(() => git.stop());
    const gitHost = new URL(git.url).host;
    await git.createRepository('platform', 'gitops');
    await seedRepo(authedUrl(git.url, git.adminToken, 'platform', 'gitops'), {
      'README.md': '# GitOps repository\n',
      'argocd/applications/.gitkeep': '',
    });

    const argocdInstance = 'main';
    const teamApp = (name: string, team: string) =>
      makeFakeApplication({
        name,
        labels: { 'portico.io/team': team, 'app.kubernetes.io/name': name },
        project: `team-${team}`,
        chart: name === 'svc-b' ? 'svc-b' : undefined,
      });
    const svcB = teamApp('svc-b', 'team-b');
    // Helm values, parameters and plugin env of team-b's application: secrets a Roadie route must not show.
    Object.assign(svcB.spec.source, {
      helm: {
        values: `db:\n  password: ${HELM_VALUES_CANARY}\n`,
        parameters: [{ name: 'db.password', value: HELM_VALUES_CANARY }],
      },
    });
    const argocd = await FakeArgoCd.start({
      tokens: [ARGOCD_TOKEN],
      apps: [teamApp('svc-a', 'team-a'), svcB],
    });
    stops.push(() => argocd.close());

    const webhook = await WebhookHarness.start({
      context: { endpoint: '/provisioning', method: 'POST' },
      authToken: WEBHOOK_TOKEN,
    });
    stops.push(() => webhook.stop());

    const observability = await startObservabilityUpstream({ grafanaToken: GRAFANA_TOKEN });
    stops.push(() => observability.stop());

    fs.writeFileSync(path.join(tmp, 'org.yaml'), orgCatalogYaml());
    fs.writeFileSync(path.join(tmp, 'services.yaml'), servicesCatalogYaml(observability.url));

    const shipped = shippedConfig();
    const { packages } = await getPackages(repoRoot);
    const schema = await loadConfigSchema({
      dependencies: packages.map(p => p.packageJson.name),
      noUndeclaredProperties: true,
    });
    /** Whether some package declares this key (for keys that plugins are adding as this suite runs). */
    const schemaDeclares = (key: string) =>
      ((schema.serialize().schemas ?? []) as Array<{ value: any }>).some(({ value }) => {
        let node = value;
        for (const part of key.split('.')) {
          node = node?.properties?.[part];
          if (!node) return false;
        }
        return true;
      });
    const shippedDex = shipped.auth?.providers?.dex?.production ?? {};
    const prefix = `sec_${Date.now().toString(36)}_`;
    const config = {
      app: { baseUrl },
      organization: { name: 'Portico security checks' },
      backend: {
        baseUrl,
        listen: { port, host: '127.0.0.1' },
        database: { client: 'pg', connection: pgUrl, prefix },
        reading: { allow: [{ host: gitHost }] },
        auth: {
          externalAccess: [
            // The production key's restrictions, with a test token.
            ...(shipped.backend?.auth?.externalAccess ?? []).map((entry: any) => ({
              type: 'static',
              options: { token: STATIC_KEY, subject: 'production-static-key' },
              ...(entry.accessRestrictions ? { accessRestrictions: entry.accessRestrictions } : {}),
            })),
            { type: 'static', options: { token: UNRESTRICTED_KEY, subject: 'unrestricted-ci' } },
          ],
        },
      },
      auth: {
        environment: 'production',
        session: { secret: SESSION_SECRET },
        providers: {
          dex: {
            production: {
              ...fill(
                Object.fromEntries(
                  Object.entries(shippedDex).filter(([k]) => !['metadataUrl', 'clientId', 'clientSecret'].includes(k)),
                ),
                { DEX_GROUP_PREFIX, PORTICO_DEX_GROUP_PREFIX: DEX_GROUP_PREFIX },
                'auth.providers.dex.production',
              ),
              metadataUrl: `${dex.issuer}/.well-known/openid-configuration`,
              clientId: 'portico',
              clientSecret: DEX_SECRET,
            },
          },
        },
      },
      techdocs: {
        builder: 'external',
        publisher: { type: 'local', local: { publishDirectory: path.join(tmp, 'techdocs') } },
      },
      catalog: {
        ...(shipped.catalog?.rules ? { rules: shipped.catalog.rules } : {}),
        locations: [
          { type: 'file', target: path.join(tmp, 'org.yaml'), rules: [{ allow: ['User', 'Group'] }] },
          { type: 'file', target: path.join(repoRoot, 'templates', 'all.yaml'), rules: [{ allow: ['Template', 'Location'] }] },
          { type: 'file', target: path.join(tmp, 'services.yaml'), rules: [{ allow: ['Component'] }] },
        ],
      },
      kubernetes: {
        serviceLocatorMethod: { type: 'multiTenant' },
        clusterLocatorMethods: [{ type: 'config', clusters: [] }],
      },
      permission: { enabled: true },
      portico: {
        access: shipped.portico?.access ?? {
          adminGroups: ['group:default/portico-admins'],
          auditorGroups: ['group:default/auditors'],
        },
        teamNamespaces: { source: 'static', static: TEAM_NAMESPACES },
        scaffolder: {
          imageRepository: 'registry.local/portico',
          gitops: { repoUrl: `${gitHost}?owner=platform&repo=gitops`, branch: 'main' },
          git: { provider: 'loopback', baseUrl: git.url, loopback: { adminToken: git.adminToken } },
        },
      },
      audit: { writer: { intervalMs: 50 } },
      provisioning: {
        // The templates runs may be started for, with their parameter schemas, as shipped.
        ...(shipped.provisioning?.templates ? { templates: shipped.provisioning.templates } : {}),
        ...(schemaDeclares('provisioning.callback.tokenDelivery')
          ? { callback: { tokenDelivery: 'payload' } }
          : {}),
        argoEvents: {
          webhookUrl: webhook.url,
          authToken: WEBHOOK_TOKEN,
          maxAttempts: 3,
          backoffBaseMs: 20,
          backoffMaxMs: 100,
          requestTimeoutMs: 3000,
        },
        dispatcher: { intervalMs: 100 },
      },
      argocd: {
        instances: [{ name: argocdInstance, url: argocd.url, token: ARGOCD_TOKEN }],
        refresh: { frequency: { seconds: 2 } },
      },
      observability: {
        prometheus: { url: observability.url, timeout: 5 },
        loki: { url: observability.url, timeout: 5 },
        grafana: {
          url: observability.url,
          embedMode: 'render-proxy',
          serviceAccountToken: GRAFANA_TOKEN,
          defaultDashboard: { uid: 'service-overview', panels: [{ id: 2, title: 'Request rate' }] },
        },
      },
    };

    // The same strict check the shipped backend runs at start (strictRootConfigServiceFactory).
    const problems = findConfigProblems({ data: config, schema, missingEnv: [], requireEnv: false });
    if (problems.length) {
      throw new Error(`security-checks: the test configuration is invalid:\n${problems.join('\n')}`);
    }

    let routesHandler: unknown;
    const registered: Array<{ pluginId: string; handler: unknown }> = [];
    let scaffolderAuth: AuthService | undefined;
    const backend = createBackend();
    backend.add(mockServices.rootConfig.factory({ data: config }));
    backend.add(
      rootHttpRouterServiceFactory({
        configure(context) {
          routesHandler = context.routes;
          context.applyDefaults();
        },
      }),
    );
    backend.add(recordingHttpRouter(registered));
    for (const feature of features) {
      if (feature !== strictRootConfigServiceFactory) backend.add(feature);
    }
    backend.add(pluginAuthProbe('scaffolder', auth => (scaffolderAuth = auth)));
    await backend.start();
    stops.push(() => backend.stop());

    const tokens: Record<string, string> = {};
    const pluginOf = (p: string) => /^\/api\/([^/?]+)/.exec(p)?.[1] ?? '';
    const authHeader = async (caller: Caller, p: string): Promise<Record<string, string>> => {
      switch (caller) {
        case 'anonymous':
          return {};
        case 'static-key':
          return { authorization: `Bearer ${STATIC_KEY}` };
        case 'unrestricted-key':
          return { authorization: `Bearer ${UNRESTRICTED_KEY}` };
        case 'plugin:scaffolder': {
          const { token } = await scaffolderAuth!.getPluginRequestToken({
            onBehalfOf: await scaffolderAuth!.getOwnServiceCredentials(),
            targetPluginId: pluginOf(p),
          });
          return { authorization: `Bearer ${token}` };
        }
        default:
          if (!tokens[caller]) throw new Error(`${caller} is not signed in`);
          return { authorization: `Bearer ${tokens[caller]}` };
      }
    };
    const request = async (caller: Caller, method: string, p: string, body?: unknown) => {
      const res = await fetch(`${baseUrl}${p}`, {
        method,
        headers: {
          ...(await authHeader(caller, p)),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: any = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON
      }
      return { status: res.status, text, body: parsed };
    };

    // The catalog must hold the users before they can sign in.
    await waitFor('the org and services in the catalog', 120_000, async () => {
      const res = await request('unrestricted-key', 'GET', '/api/catalog/entities/by-query?filter=kind=user&filter=kind=component,metadata.name=a-dashboard-b&filter=kind=template&limit=100');
      const kinds = new Set<string>((res.body.items ?? []).map((e: any) => e.kind));
      return res.status === 200 && ['User', 'Component', 'Template'].every(k => kinds.has(k)) &&
        res.body.items.filter((e: any) => e.kind === 'User').length === Object.keys(ORG_USERS).length
        ? true
        : undefined;
    });
    for (const login of Object.keys(ORG_USERS)) {
      const frame = await signInRoundTrip({ backendBaseUrl: baseUrl, provider: 'dex', env: 'production', login });
      if (!('response' in frame)) throw new Error(`${login} could not sign in: ${frame.error.message}`);
      tokens[login] = frame.response.backstageIdentity.token;
    }
    // The first Argo CD snapshot is taken by the scheduler right after start.
    await waitFor('the Argo CD snapshot', 60_000, async () => {
      const res = await request('ada-admin', 'GET', '/api/argocd/find/name/svc-b');
      return res.status === 200 && res.body.length === 1 ? true : undefined;
    });

    const query = async (pluginId: string, sql: string, params: unknown[] = []) => {
      const client = new Client({ connectionString: `${pgUrl.replace(/\/[^/]*$/, '')}/${prefix}${pluginId}` });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows;
      } finally {
        await client.end();
      }
    };

    return {
      baseUrl,
      gitHost,
      git,
      argocd,
      webhook,
      observability,
      argocdInstance,
      tokens,
      secrets: [ARGOCD_TOKEN, STATIC_KEY, UNRESTRICTED_KEY, WEBHOOK_TOKEN, GRAFANA_TOKEN, DEX_SECRET, SESSION_SECRET, git.adminToken],
      request,
      routes: () => discoverRoutes(routesHandler, registered),
      query,
      async auditEvents(filters) {
        const params = new URLSearchParams({ ...filters, limit: '500' });
        const res = await request('erin-auditor', 'GET', `/api/audit/events?${params}`);
        if (res.status !== 200) throw new Error(`audit events: ${res.status} ${res.text}`);
        return res.body.items;
      },
      async gitState() {
        const lines: string[] = [];
        for (const owner of fs.readdirSync(git.root).sort()) {
          const ownerDir = path.join(git.root, owner);
          if (!fs.statSync(ownerDir).isDirectory()) continue;
          for (const repo of fs.readdirSync(ownerDir).sort()) {
            if (!repo.endsWith('.git')) continue;
            const refs = await git.git(owner, repo.replace(/\.git$/, ''), ['for-each-ref', '--format=%(refname) %(objectname)']);
            lines.push(`${owner}/${repo}\n${refs.trim()}`);
          }
        }
        return lines.join('\n');
      },
      output: () => output.join(''),
      async stop() {
        for (const stop of stops.reverse()) {
          try {
            await stop();
          } catch {
            // keep stopping the rest
          }
        }
        for (const restore of restoreOutput) restore();
      },
    };
  } catch (error) {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch {
        // keep stopping the rest
      }
    }
    for (const restore of restoreOutput) restore();
    throw error;
  }
}

/** A fresh id for things a row names but that must not exist. */
export const unknownId = () => randomUUID();
