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
import { signInRoundTrip } from '@internal/plugin-auth-backend-module-dex-provider/testUtils';
import type { LoopbackGitServer } from '@internal/plugin-scaffolder-backend-module-platform/testUtils';
import {
  freeStablePort,
  waitFor,
} from '@internal/plugin-portico-node/testUtils';
import { Client } from 'pg';
import type { ArgocdPeer } from './argocdPeer';
import {
  Caller,
  createRequester,
  PorticoRequest,
  PorticoResponse,
} from './client';
import type { ObservabilityUpstream } from './observabilityUpstream';
import {
  ORG_USERS,
  orgCatalogYaml,
  orgPassword,
  servicesCatalogYaml,
} from './org';
import { captureOutput, type CapturedOutput } from './output';
import { type Peers, startPeers, type WebhookPeer } from './peers';
import type { DiscoveredRoute } from './routes';
import { gitState, startBackend } from './startBackend';
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
  request(
    caller: Caller,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<PorticoResponse>;
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

export interface StartPorticoOptions {
  /**
   * Start another replica of this running backend, as production runs several behind one
   * Service: the same database (`backend.database.connection` and `prefix`), the same peers and
   * catalog files, its own port. The users' tokens are the first's (signing keys live in the
   * shared database). Its `stop()` stops this replica only; stop replicas before the first,
   * whose `stop()` stops the peers too.
   */
  replicaOf?: PorticoTestBackend;
}

/** What the replicas of one deployment share, kept by the first (see `replicaOf`). */
interface Deployment {
  pgUrl: string;
  prefix: string;
  tmp: string;
  peers: Peers;
  output: CapturedOutput;
  tokens: Record<string, string>;
}

const deployments = new WeakMap<PorticoTestBackend, Deployment>();

/** The backend's face for the tests, on `baseUrl` of a started deployment. */
function testBackend(options: {
  baseUrl: string;
  deployment: Deployment;
  request: PorticoRequest;
  routes: () => DiscoveredRoute[];
  stop: () => Promise<void>;
}): PorticoTestBackend {
  const { baseUrl, deployment, request } = options;
  const { pgUrl, prefix, peers, output, tokens } = deployment;
  const query = async (
    pluginId: string,
    sql: string,
    params: unknown[] = [],
  ) => {
    const client = new Client({
      connectionString: `${pgUrl.replace(/\/[^/]*$/, '')}/${prefix}${pluginId}`,
    });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
  const started: PorticoTestBackend = {
    baseUrl,
    gitHost: peers.gitHost,
    git: peers.git,
    argocd: peers.argocd,
    webhook: peers.webhook,
    observability: peers.observability,
    argocdInstance: peers.argocd.instance,
    tokens,
    secrets: [
      ...Object.values(TEST_SECRETS),
      peers.git.adminToken,
      ...peers.secrets,
    ],
    request,
    routes: options.routes,
    query,
    async auditEvents(filters) {
      const params = new URLSearchParams({ ...filters, limit: '500' });
      const res = await request(
        'erin-auditor',
        'GET',
        `/api/audit/events?${params}`,
      );
      if (res.status !== 200)
        throw new Error(`audit events: ${res.status} ${res.text}`);
      return res.body.items;
    },
    gitState: () => gitState(peers.git),
    output: () => output.text(),
    stop: options.stop,
  };
  deployments.set(started, deployment);
  return started;
}

/** Waits until the backend at `request` serves team-b's Argo CD application from a snapshot. */
async function waitForArgoSnapshot(request: PorticoRequest) {
  // The first Argo CD snapshot is taken by the scheduler right after start.
  await waitFor(
    'the Argo CD snapshot',
    async () => {
      const res = await request(
        'ada-admin',
        'GET',
        '/api/argocd/find/name/svc-b',
      );
      return res.status === 200 && res.body.length === 1;
    },
    { timeoutMs: 60_000, intervalMs: 250 },
  );
}

/** One backend of a deployment on `port`: the test config for it, started. */
async function bootBackend(
  port: number,
  deployment: Omit<Parameters<typeof porticoTestConfig>[0], 'baseUrl' | 'port'>,
) {
  return startBackend(
    await porticoTestConfig({
      baseUrl: `http://127.0.0.1:${port}`,
      port,
      ...deployment,
    }),
  );
}

/** Another replica of a started deployment: its own port and backend, everything else shared. */
async function startReplica(
  first: PorticoTestBackend,
): Promise<PorticoTestBackend> {
  const deployment = deployments.get(first);
  if (!deployment)
    throw new Error('replicaOf: not a backend the harness started');
  const port = await freeStablePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const { pgUrl, prefix, tmp, peers, tokens } = deployment;
  const backend = await bootBackend(port, { pgUrl, prefix, tmp, peers });
  try {
    const request = createRequester({
      baseUrl,
      tokens,
      scaffolderAuth: backend.scaffolderAuth,
    });
    await waitForArgoSnapshot(request);
    return testBackend({
      baseUrl,
      deployment,
      request,
      routes: backend.routes,
      stop: backend.stop,
    });
  } catch (error) {
    await backend.stop();
    throw error;
  }
}

export async function startPorticoTestBackend(
  options: StartPorticoOptions = {},
): Promise<PorticoTestBackend> {
  if (options.replicaOf) return startReplica(options.replicaOf);
  const pgUrl =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
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
    // peers take freePort()s before the backend listens: its port comes from outside that range
    const port = await freeStablePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'security-checks-'));
    stops.push(() => fs.rmSync(tmp, { recursive: true, force: true }));

    const peers = await startPeers(baseUrl, stops);
    fs.writeFileSync(path.join(tmp, 'org.yaml'), orgCatalogYaml());
    fs.writeFileSync(
      path.join(tmp, 'services.yaml'),
      servicesCatalogYaml(peers.observability.url),
    );

    const prefix = `sec_${Date.now().toString(36)}_`;
    const backend = await bootBackend(port, { pgUrl, prefix, tmp, peers });
    stops.push(backend.stop);

    const tokens: Record<string, string> = {};
    const request = createRequester({
      baseUrl,
      tokens,
      scaffolderAuth: backend.scaffolderAuth,
    });

    // The catalog must hold the users before they can sign in.
    await waitFor(
      'the org and services in the catalog',
      async () => {
        const res = await request(
          'unrestricted-key',
          'GET',
          '/api/catalog/entities/by-query?filter=kind=user&filter=kind=component,metadata.name=a-dashboard-b&filter=kind=template&limit=100',
        );
        const kinds = new Set<string>(
          (res.body.items ?? []).map((e: any) => e.kind),
        );
        return (
          res.status === 200 &&
          ['User', 'Component', 'Template'].every(k => kinds.has(k)) &&
          res.body.items.filter((e: any) => e.kind === 'User').length ===
            Object.keys(ORG_USERS).length
        );
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
      if (!('response' in frame))
        throw new Error(`${login} could not sign in: ${frame.error.message}`);
      tokens[login] = frame.response.backstageIdentity.token;
    }
    await waitForArgoSnapshot(request);

    return testBackend({
      baseUrl,
      deployment: { pgUrl, prefix, tmp, peers, output, tokens },
      request,
      routes: backend.routes,
      stop: stopAll,
    });
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** A fresh id for things a row names but that must not exist. */
export const unknownId = () => randomUUID();
