/*
 * Starts Portico for the browser journeys (e2e/) and the baseline benchmark (bench/), and stops it.
 *
 * - Builds the frontend when it is missing or stale (appBuild.ts): the backend serves the built app.
 * - Starts the local platform the backend talks to, once (peers.ts: @internal/local-platform's CLI
 *   child with every peer on free ports: Git, Argo CD prod + staging, Prometheus + Loki/Grafana
 *   stand-ins, the Argo Events stand-in, Dex) and passes its generated config file as the
 *   backend's last --config. The journeys (child processes) find it as `portal.platform` through
 *   PORTICO_E2E_PLATFORM (the file holding its JSON description).
 * - Starts the backend (backend.ts) on a free port, in its own process group. With
 *   `restartOnChange: false` (the journeys, run-journeys.ts) without the file watcher, so edits
 *   elsewhere in the tree do not restart it mid-run.
 * - Waits for /.backstage/health/v1/readiness and for the example catalog (readiness.ts).
 * - Stops every process group it started on stop(), on process exit and on SIGINT/SIGTERM
 *   (processes.ts).
 *
 * PORTICO_URL=http://host:port points everything at an already running portal instead (nothing is
 * built, started or stopped; `platform` comes from PORTICO_E2E_PLATFORM when set). PORTICO_PORT
 * picks the port of the portal that is started.
 *
 * Run directly to keep a portal running until Ctrl-C:  node e2e/portal.ts
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  closeSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureAppBuilt } from './appBuild.ts';
import { backendEnv, mkdocsPathDir, spawnBackend } from './backend.ts';
import { startPlatform, type LocalPlatformInfo } from './peers.ts';
import {
  defaultLog,
  removeTempDir,
  repoRoot,
  stopGroup,
  tail,
  trackGroup,
  trackTempDir,
} from './processes.ts';
import { waitForCatalog, waitForReadiness } from './readiness.ts';
import { freeStablePort } from './workspace.ts';

// What bench/baseline takes from here.
export { ensureAppBuilt } from './appBuild.ts';
export { repoRoot } from './processes.ts';
export type { LocalPlatformInfo, LocalUser } from './peers.ts';

/** Names the file with the started local platform's JSON description (for child processes). */
const PLATFORM_ENV = 'PORTICO_E2E_PLATFORM';

export interface Portal {
  /** Base URL of the portal (frontend and backend), without a trailing slash. */
  url: string;
  /** True when PORTICO_URL pointed at a portal this process did not start. */
  external: boolean;
  /** Process group id of the started backend (yarn -> backstage-cli -> node, or node alone). */
  pgid?: number;
  /** File with the backend's stdout and stderr. */
  logFile?: string;
  /** performance.now() when the backend was spawned. */
  spawnedAt?: number;
  /** Milliseconds from spawn to a 200 from the readiness endpoint. */
  readyAfterMs?: number;
  /**
   * The local platform the backend talks to (peers.ts): git.host, argocd.control, the
   * observability URLs, argoEvents, dex, users. Absent for an external portal without
   * PORTICO_E2E_PLATFORM.
   */
  platform?: LocalPlatformInfo;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** 'if-stale' (default): rebuild when dist is older than the sources; 'if-missing': only when absent. */
  build?: 'if-stale' | 'if-missing';
  /** Where the backend output goes; default e2e/logs/backend.log. */
  logFile?: string;
  /** Wait for the example catalog (default true). */
  waitForCatalog?: boolean;
  readinessTimeoutMs?: number;
  catalogTimeoutMs?: number;
  /** Called once the backend process group exists (the benchmark samples its memory from here). */
  onSpawn?: (pgid: number) => void;
  /**
   * true (default): `yarn workspace backend start`, which restarts the backend when a source file
   * it loaded changes. false: the same backend without the watcher (node + Backstage's loader).
   */
  restartOnChange?: boolean;
  log?: (line: string) => void;
}

export async function startPortal(opts: StartOptions = {}): Promise<Portal> {
  const log = opts.log ?? defaultLog;
  ensureAppBuilt(opts.build ?? 'if-stale', log);

  // the local platform's peers take freePort()s while the backend is still to start: its port
  // comes from outside that range
  const port = Number(process.env.PORTICO_PORT) || (await freeStablePort());
  const url = `http://localhost:${port}`;
  const logFile = opts.logFile ?? join(repoRoot, 'e2e', 'logs', 'backend.log');
  mkdirSync(resolve(logFile, '..'), { recursive: true });
  const out = openSync(logFile, 'w');

  // Mode 0700 directory: the generated config and description hold the peers' tokens.
  const platformDir = mkdtempSync(join(tmpdir(), 'portico-e2e-platform-'));
  trackTempDir(platformDir);
  const started = await startPlatform(
    url,
    join(platformDir, 'app-config.local-platform.yaml'),
    log,
  ).catch(e => {
    removeTempDir(platformDir);
    throw e;
  });
  const platform = started.info;
  // Journeys run in child processes of this one (run-journeys.ts) and inherit this.
  const platformFile = join(platformDir, 'platform.json');
  writeFileSync(platformFile, JSON.stringify(platform), { mode: 0o600 });
  process.env[PLATFORM_ENV] = platformFile;
  const mkdocsDir = mkdocsPathDir();
  const env = backendEnv(url, port, mkdocsDir);
  const watch = opts.restartOnChange ?? true;
  log(
    `starting backend on ${url} (log: ${logFile}${
      watch ? '' : '; not restarted on source changes'
    })`,
  );
  const spawnedAt = performance.now();
  const child = spawnBackend(env, out, watch, [platform.configFile]);
  closeSync(out);
  const pgid = child.pid!;
  trackGroup(pgid);
  opts.onSpawn?.(pgid);

  let exited: string | undefined;
  child.on('exit', (code, signal) => {
    exited = `exit ${code ?? signal}`;
  });
  const isDead = () => exited;

  const portal: Portal = {
    url,
    external: false,
    pgid,
    logFile,
    spawnedAt,
    platform,
    async stop() {
      await stopGroup(pgid);
      await stopGroup(started.pgid, 10_000);
      if (process.env[PLATFORM_ENV] === platformFile)
        delete process.env[PLATFORM_ENV];
      removeTempDir(platformDir);
      if (mkdocsDir) removeTempDir(mkdocsDir);
    },
  };

  try {
    await waitForReadiness(url, { timeoutMs: opts.readinessTimeoutMs, isDead });
    portal.readyAfterMs = performance.now() - spawnedAt;
    log(`backend ready after ${(portal.readyAfterMs / 1000).toFixed(1)} s`);
    if (opts.waitForCatalog ?? true) {
      const count = await waitForCatalog(url, {
        timeoutMs: opts.catalogTimeoutMs,
        isDead,
      });
      log(`catalog ingested: ${count} entities`);
    }
  } catch (e) {
    await portal.stop();
    throw new Error(
      `${(e as Error).message}\n--- tail of ${logFile} ---\n${tail(logFile)}`,
    );
  }
  return portal;
}

/**
 * How often `backstage-cli package start` restarted the backend because a source file it loaded
 * changed (other people editing the tree). A restart empties the in-memory catalog and search
 * index for a while, which can fail a journey that was running at that moment.
 */
export function backendRestarts(portal: Portal): number {
  if (!portal.logFile || !existsSync(portal.logFile)) return 0;
  return (
    readFileSync(portal.logFile, 'utf8').split('Change detected, restarting')
      .length - 1
  );
}

/** The portal at PORTICO_URL (waits until it is ready) or a newly started one. */
export async function usePortal(opts: StartOptions = {}): Promise<Portal> {
  const external = process.env.PORTICO_URL?.replace(/\/+$/, '');
  if (!external) return startPortal(opts);
  await waitForReadiness(external, { timeoutMs: opts.readinessTimeoutMs });
  if (opts.waitForCatalog ?? true) {
    await waitForCatalog(external, { timeoutMs: opts.catalogTimeoutMs });
  }
  const platformFile = process.env[PLATFORM_ENV];
  const platform = platformFile
    ? (JSON.parse(readFileSync(platformFile, 'utf8')) as LocalPlatformInfo)
    : undefined;
  return { url: external, external: true, platform, stop: async () => {} };
}

// node e2e/portal.ts: start a portal and keep it up until Ctrl-C.
if (import.meta.filename === resolve(process.argv[1] ?? '')) {
  const portal = await startPortal();
  defaultLog(`Portico is up at ${portal.url} - Ctrl-C stops it`);
  defaultLog(
    `journeys against it: PORTICO_URL=${portal.url} yarn workspace @internal/e2e journeys`,
  );
  await new Promise(() => {});
}
