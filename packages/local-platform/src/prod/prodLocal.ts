/*
 * make prod-local as a function (its CLI is main.ts; bench/soak drives it): the production build,
 * N replicas of the production backend on one PostgreSQL behind HAProxy on loopback, the local
 * platform as their peers (the Dex-like provider as Dex), signed-in users once the catalog is in.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  freeStablePort,
  startFakeApiServer,
  type FakeApiServer,
} from '@internal/plugin-portico-node/testUtils';
import { startLocalPlatform } from '../startLocalPlatform';
import type { LocalPlatform } from '../types';
import { LOCAL_GROUP_PREFIX } from '../users';
import { mkdocsBinDir } from '../start/mkdocs';
import { repoRoot } from '../start/paths';
import { startBalancer, type Balancer } from './balancer';
import { buildIfStale, unpackBundle } from './bundle';
import { startPostgres, type LocalPostgres } from './postgres';
import { writeProductionConfig } from './productionConfig';
import { Replica } from './replica';
import { waitForIngestion, type Session } from './signIn';

/** Where make prod-local keeps what it writes (ignored by Git: .cache/). */
export const prodLocalDir = join(repoRoot, '.cache', 'prod-local');
export const prodLocalOverlay = join(
  repoRoot,
  'packages/local-platform/src/prod/app-config.prod-local.yaml',
);

export interface ProdLocalOptions {
  /** Replicas of the backend (default 3). */
  replicas?: number;
  /** The balancer's port (default a free one). */
  port?: number;
  /** The fake Argo CD changes application states now and then (default false). */
  liveChanges?: boolean;
  log?: (line: string) => void;
}

export interface ProdLocal {
  /** The balancer: the portal's one address (app and API). */
  url: string;
  platform: LocalPlatform;
  postgres: LocalPostgres;
  replicas: Replica[];
  /** Each local user signed in once the catalog was ingested. */
  sessions: Session[];
  entities: number;
  logDir: string;
  stop(): Promise<void>;
}

/** The stand-in of the Kubernetes Secrets API that provisioning writes callback tokens to. */
function startSecretsApi(): Promise<FakeApiServer> {
  return startFakeApiServer({
    token: randomBytes(16).toString('hex'),
    describe: req => `${req.method}`,
    handle: req => ({
      status: req.method === 'POST' ? 201 : 200,
      body: { kind: 'Secret', apiVersion: 'v1', metadata: {} },
    }),
  });
}

/** The production config's variables, from the started peers or loopback stand-ins. */
function replicaEnv(
  url: string,
  platform: LocalPlatform,
  postgres: LocalPostgres,
  kube: FakeApiServer,
  pathFirst: string | undefined,
): NodeJS.ProcessEnv {
  const argocd = platform.argocd!.instances[0];
  const unused = 'unused-on-loopback';
  return {
    ...process.env,
    PATH: [pathFirst, process.env.PATH].filter(Boolean).join(':'),
    PORTICO_BASE_URL: url,
    BACKEND_SECRET: randomBytes(24).toString('base64url'),
    POSTGRES_HOST: postgres.host,
    POSTGRES_PORT: String(postgres.port),
    POSTGRES_USER: postgres.user,
    POSTGRES_PASSWORD: postgres.password,
    AUTH_SESSION_SECRET: randomBytes(24).toString('base64url'),
    DEX_ISSUER_URL: platform.dex!.issuer,
    DEX_CLIENT_ID: platform.dex!.clientId,
    DEX_CLIENT_SECRET: platform.dex!.clientSecret,
    DEX_GROUP_PREFIX: LOCAL_GROUP_PREFIX,
    ARGOCD_URL: argocd.url,
    ARGOCD_UI_URL: argocd.url,
    ARGOCD_TOKEN: argocd.token,
    PROMETHEUS_URL: platform.observability!.prometheusUrl,
    LOKI_URL: platform.observability!.lokiUrl,
    LOKI_TENANT: 'portico',
    GRAFANA_URL: platform.observability!.grafanaUrl,
    GRAFANA_SERVICE_ACCOUNT_TOKEN: unused,
    GRAFANA_DEFAULT_DASHBOARD_UID: 'service-overview',
    PROVISIONING_WEBHOOK_URL: platform.argoEvents!.url,
    PROVISIONING_WEBHOOK_TOKEN: platform.argoEvents!.token,
    PROVISIONING_CALLBACK_BASE_URL: url,
    PROD_LOCAL_KUBE_URL: kube.url,
    PROD_LOCAL_KUBE_TOKEN: kube.token,
    PROD_LOCAL_REPO_ROOT: repoRoot,
    PROD_LOCAL_TECHDOCS_DIR: join(prodLocalDir, 'techdocs'),
    // overridden by the generated config or this overlay; production requires them set
    PORTICO_GITOPS_REPO_URL: unused,
    PORTICO_ORG_CATALOG_URL: unused,
    GITHUB_TOKEN: unused,
    KUBERNETES_CLUSTER_NAME: 'loopback',
    PORTICO_GITHUB_APP_ID: unused,
    PORTICO_GITHUB_APP_INSTALLATION_ID: unused,
    PORTICO_GITHUB_APP_PRIVATE_KEY: unused,
  };
}

/** Starts everything; on failure stops what was started and throws. */
export async function startProdLocal(
  options: ProdLocalOptions = {},
): Promise<ProdLocal> {
  const log = options.log ?? (line => process.stdout.write(`${line}\n`));
  const count = options.replicas ?? 3;
  if (!Number.isInteger(count) || count < 1 || count > 9)
    throw new Error(`replicas: 1 to 9, not ${options.replicas}`);
  const stops: (() => Promise<void>)[] = [];
  const started = <T extends { stop(): Promise<void> }>(peer: T): T => {
    stops.push(() => peer.stop());
    return peer;
  };
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => {});
  };
  try {
    buildIfStale(repoRoot, log);
    mkdirSync(prodLocalDir, { recursive: true });
    const bundleDir = unpackBundle(repoRoot, join(prodLocalDir, 'bundle'));
    const port = options.port ?? (await freeStablePort());
    const url = `http://127.0.0.1:${port}`;
    log(`starting PostgreSQL 15 and the local platform for ${url}`);
    const [postgres, platform, kube] = await Promise.all([
      startPostgres().then(started),
      startLocalPlatform({
        ports: 'free',
        backendUrl: url,
        liveChanges: options.liveChanges ?? false,
        log: line => log(`[platform] ${line}`),
        options: { argoEvents: { control: true, workflow: false } },
      }).then(started),
      startSecretsApi().then(started),
    ]);
    const platformConfig = join(prodLocalDir, 'app-config.local-platform.yaml');
    platform.writeBackendConfig(platformConfig);
    const env = replicaEnv(
      url,
      platform,
      postgres,
      kube,
      mkdocsBinDir(prodLocalDir),
    );
    const configs = [
      'app-config.yaml',
      writeProductionConfig(
        join(repoRoot, 'app-config.production.yaml'),
        join(prodLocalDir, 'app-config.production.yaml'),
      ),
      platformConfig,
      prodLocalOverlay,
    ];
    const replicas: Replica[] = [];
    for (let i = 1; i <= count; i++) {
      replicas.push(
        new Replica({
          name: `replica-${i}`,
          port: await freeStablePort(),
          cwd: bundleDir,
          configs,
          env,
          logFile: join(prodLocalDir, `replica-${i}.log`),
        }),
      );
    }
    stops.push(async () => {
      await Promise.all(replicas.map(r => r.stop()));
    });
    const balancer: Balancer = await startBalancer({
      port,
      replicas: replicas.map(r => ({ name: r.name, port: r.port })),
      configFile: join(prodLocalDir, 'haproxy.cfg'),
      logFile: join(prodLocalDir, 'haproxy.log'),
    });
    stops.push(() => balancer.stop());
    // the first one creates the databases and runs the migrations, then the others join
    const [first, ...rest] = replicas;
    first.start();
    log(`${first.name} ready after ${await first.waitReady()} ms`);
    rest.forEach(r => r.start());
    for (const r of rest)
      log(`${r.name} ready after ${await r.waitReady()} ms`);
    log('waiting for the catalog (every local user signs in through Dex)');
    const { sessions, entities } = await waitForIngestion(url, platform.users);
    return {
      url,
      platform,
      postgres,
      replicas,
      sessions,
      entities,
      logDir: prodLocalDir,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
