/*
 * The whole Portico backend — the feature list of packages/backend/src/features.ts, nothing
 * added, nothing left out — started in this process on PostgreSQL with a test configuration
 * (testConfig.ts) and the peers it talks to (peers.ts, most of them from the local platform).
 * The only services replaced are the root config (the test's, validated as strictly as the
 * shipped one) and the root HTTP router's setup (so the routes can be read); the httpRouter is
 * the default one, recording (backendServices.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createBackend } from '@backstage/backend-defaults';
import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import type { AuthService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { strictRootConfigServiceFactory } from '@internal/config-validation-node';
import { signInRoundTrip } from '@internal/plugin-auth-backend-module-dex-provider/testUtils';
import type { LoopbackGitServer } from '@internal/plugin-scaffolder-backend-module-platform/testUtils';
import { freePort, waitFor } from '@internal/plugin-portico-node/testUtils';
import { Client } from 'pg';
import { features } from '../../features';
import type { ArgocdPeer } from './argocdPeer';
import { pluginAuthProbe, recordingHttpRouter } from './backendServices';
import { Caller, createRequester, PorticoResponse } from './client';
import type { ObservabilityUpstream } from './observabilityUpstream';
import { ORG_USERS, orgCatalogYaml, orgPassword, servicesCatalogYaml } from './org';
import { captureOutput } from './output';
import { startPeers, type WebhookPeer } from './peers';
import { DiscoveredRoute, discoverRoutes } from './routes';
import { TEST_SECRETS } from './secrets';
import { porticoTestConfig } from './testConfig';

export type { Caller, PorticoResponse } from './client';
export { HELM_VALUES_CANARY } from './secrets';

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
  /** The local platform's fake Argo CD (one instance, team-a's and team-b's applications). */
  argocd: ArgocdPeer;
  /** The Argo Events stand-in from the local platform (its deliveries through its control server). */
  webhook: WebhookPeer;
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

/** Every ref of every repository on the Git server, one block per repository. */
async function gitState(git: LoopbackGitServer): Promise<string> {
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
}

export async function startPorticoTestBackend(): Promise<PorticoTestBackend> {
  const pgUrl = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!pgUrl) {
    throw new Error(
      'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set (run through scripts/with-postgres.sh)',
    );
  }
  const stops: Array<() => unknown> = [];
  const output = captureOutput();
  const stopAll = async () => {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch {
        // keep stopping the rest
      }
    }
    output.restore();
  };

  try {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'security-checks-'));
    stops.push(() => fs.rmSync(tmp, { recursive: true, force: true }));

    const peers = await startPeers(baseUrl, stops);
    const { git, observability } = peers;
    fs.writeFileSync(path.join(tmp, 'org.yaml'), orgCatalogYaml());
    fs.writeFileSync(path.join(tmp, 'services.yaml'), servicesCatalogYaml(observability.url));

    const prefix = `sec_${Date.now().toString(36)}_`;
    const config = await porticoTestConfig({ baseUrl, port, pgUrl, prefix, tmp, peers });

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
    const request = createRequester({ baseUrl, tokens, scaffolderAuth: () => scaffolderAuth });

    // The catalog must hold the users before they can sign in.
    await waitFor(
      'the org and services in the catalog',
      async () => {
        const res = await request('unrestricted-key', 'GET', '/api/catalog/entities/by-query?filter=kind=user&filter=kind=component,metadata.name=a-dashboard-b&filter=kind=template&limit=100');
        const kinds = new Set<string>((res.body.items ?? []).map((e: any) => e.kind));
        return res.status === 200 && ['User', 'Component', 'Template'].every(k => kinds.has(k)) &&
          res.body.items.filter((e: any) => e.kind === 'User').length === Object.keys(ORG_USERS).length;
      },
      { timeoutMs: 120_000, intervalMs: 250 },
    );
    for (const login of Object.keys(ORG_USERS)) {
      const frame = await signInRoundTrip({
        backendBaseUrl: baseUrl,
        provider: 'dex',
        env: 'production',
        login,
        password: orgPassword(login),
      });
      if (!('response' in frame)) throw new Error(`${login} could not sign in: ${frame.error.message}`);
      tokens[login] = frame.response.backstageIdentity.token;
    }
    // The first Argo CD snapshot is taken by the scheduler right after start.
    await waitFor(
      'the Argo CD snapshot',
      async () => {
        const res = await request('ada-admin', 'GET', '/api/argocd/find/name/svc-b');
        return res.status === 200 && res.body.length === 1;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );

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
      gitHost: peers.gitHost,
      git,
      argocd: peers.argocd,
      webhook: peers.webhook,
      observability,
      argocdInstance: peers.argocd.instance,
      tokens,
      secrets: [...Object.values(TEST_SECRETS), git.adminToken, ...peers.secrets],
      request,
      routes: () => discoverRoutes(routesHandler, registered),
      query,
      async auditEvents(filters) {
        const params = new URLSearchParams({ ...filters, limit: '500' });
        const res = await request('erin-auditor', 'GET', `/api/audit/events?${params}`);
        if (res.status !== 200) throw new Error(`audit events: ${res.status} ${res.text}`);
        return res.body.items;
      },
      gitState: () => gitState(git),
      output: () => output.text(),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** A fresh id for things a row names but that must not exist. */
export const unknownId = () => randomUUID();
