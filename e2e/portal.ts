/*
 * Starts Portico for the browser journeys (e2e/) and the baseline benchmark (bench/), and stops it.
 *
 * - Builds the frontend (`yarn workspace app build`) when packages/app/dist/index.html is missing
 *   or older than the app sources, because the backend serves the built app
 *   (@backstage/plugin-app-backend, app.baseUrl == backend.baseUrl in e2e/app-config.e2e.yaml).
 * - Starts the backend with
 *     yarn workspace backend start --config ../../app-config.yaml --config ../../app-config.development.yaml --config ../../e2e/app-config.e2e.yaml
 *   in its own process group (`backstage-cli package start` runs the backend with cwd
 *   packages/backend, so config paths are relative to that directory), on a free port.
 *   With `restartOnChange: false` (the journeys, run-journeys.ts) it runs the backend's
 *   src/index.ts the way `backstage-cli package start` does (same loader, cwd and config) but
 *   without its file watcher, so edits elsewhere in the tree do not restart it mid-run.
 * - Waits for /.backstage/health/v1/readiness and for the example catalog to be ingested.
 * - Stops the whole process group (yarn -> backstage-cli -> backend) on stop(), on process exit,
 *   and on SIGINT/SIGTERM.
 *
 * PORTICO_URL=http://host:port points everything at an already running portal instead (nothing is
 * built, started or stopped). PORTICO_PORT picks the port of the portal that is started.
 *
 * Run directly to keep a portal running until Ctrl-C:  node e2e/portal.ts
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const repoRoot = resolve(import.meta.dirname, '..');
const appDir = join(repoRoot, 'packages', 'app');

/**
 * Entities the journeys rely on; the portal is not "up" before the catalog has them. The guest
 * signs in as sandbox-developer (e2e/app-config.e2e.yaml, e2e/catalog/sandbox.yaml): before the
 * catalog has the user and its membership, a guest token would own no team.
 */
export const exampleEntityRefs = [
  'component:default/payments-api',
  'api:default/payments-api',
  'user:default/sandbox-developer',
  'group:default/sandbox-team',
];

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
  /** The fake Argo CD instances the backend reads (see fake-argocd.cts), when this process started them. */
  argocd?: FakeArgocd;
  /** The loopback Git server templates publish to (see loopback-git.cts), when this process started it. */
  git?: LoopbackGit;
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

const defaultLog = (line: string): void => {
  process.stderr.write(`[portal] ${line}\n`);
};

// ---------------------------------------------------------------------------------------------
// Frontend build

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) {
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

/** Why the frontend must be (re)built, or undefined when packages/app/dist is usable. */
export function appBuildReason(
  mode: 'if-stale' | 'if-missing' = 'if-stale',
): string | undefined {
  const index = join(appDir, 'dist', 'index.html');
  if (!existsSync(index)) return 'packages/app/dist/index.html is missing';
  if (mode === 'if-missing') return undefined;
  const built = statSync(index).mtimeMs;
  const sources = ['src', 'public', 'package.json']
    .map(p => join(appDir, p))
    .filter(p => existsSync(p));
  const newest = Math.max(...sources.map(newestMtime));
  if (newest > built)
    return 'packages/app sources are newer than packages/app/dist';
  return undefined;
}

export function ensureAppBuilt(
  mode: 'if-stale' | 'if-missing' = 'if-stale',
  log: (line: string) => void = defaultLog,
): void {
  const reason = appBuildReason(mode);
  if (!reason) return;
  log(`${reason}: yarn workspace app build (takes a few minutes)`);
  const started = performance.now();
  const result = spawnSync('yarn', ['workspace', 'app', 'build'], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) {
    throw new Error(
      `yarn workspace app build failed (exit ${
        result.status ?? result.signal
      })`,
    );
  }
  log(
    `frontend built in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
}

// ---------------------------------------------------------------------------------------------
// Backend process

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * TechDocs runs `mkdocs` from PATH (`runIn: local`). A pyenv/venv mkdocs may not see Debian's
 * mkdocs-material, so put a directory holding only a `mkdocs` link to the system one first on PATH.
 * PORTICO_MKDOCS overrides the mkdocs to use.
 */
function mkdocsPathDir(): string | undefined {
  const mkdocs = process.env.PORTICO_MKDOCS ?? '/usr/bin/mkdocs';
  if (!existsSync(mkdocs)) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'portico-mkdocs-'));
  tempDirs.add(dir);
  symlinkSync(mkdocs, join(dir, 'mkdocs'));
  return dir;
}

/** Kills a process group: SIGTERM, then SIGKILL after graceMs. Resolves when the group is gone. */
export async function killGroup(pgid: number, graceMs = 10_000): Promise<void> {
  const alive = () => {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = performance.now() + graceMs;
  while (alive() && performance.now() < deadline) await sleep(200);
  if (alive()) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
    while (alive()) await sleep(100);
  }
}

const liveGroups = new Set<number>();
const tempDirs = new Set<string>();
const cleanups: (() => Promise<void> | void)[] = [];
let exitHooksInstalled = false;

/**
 * Runs `fn` first when this process is interrupted (SIGINT/SIGTERM/SIGHUP), before the started
 * portals are stopped - e.g. to end a test run that uses the portal.
 */
export function onInterrupt(fn: () => Promise<void> | void): void {
  installExitHooks();
  cleanups.push(fn);
}

function installExitHooks() {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  // Last resort: synchronous, so it also runs when the test runner exits the process.
  process.on('exit', () => {
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
    for (const pgid of liveGroups) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, async () => {
      for (const fn of cleanups) await Promise.resolve(fn()).catch(() => {});
      await Promise.all([...liveGroups].map(pgid => killGroup(pgid, 5_000)));
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

function tail(file: string | undefined, lines = 40): string {
  if (!file || !existsSync(file)) return '';
  const text = readFileSync(file, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
  return text.split('\n').slice(-lines).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Waiting

export async function waitForReadiness(
  url: string,
  opts: { timeoutMs?: number; isDead?: () => string | undefined } = {},
): Promise<void> {
  const deadline = performance.now() + (opts.timeoutMs ?? 180_000);
  let last = '';
  while (performance.now() < deadline) {
    const dead = opts.isDead?.();
    if (dead) throw new Error(`backend exited before it was ready (${dead})`);
    try {
      const res = await fetch(`${url}/.backstage/health/v1/readiness`, {
        signal: AbortSignal.timeout(2_000),
      });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await sleep(250);
  }
  throw new Error(
    `${url} not ready within ${opts.timeoutMs ?? 180_000} ms (last: ${last})`,
  );
}

/**
 * A Backstage token for the guest (auth.environment development; in the journeys the catalog user
 * user:default/sandbox-developer of Sandbox Team, e2e/app-config.e2e.yaml), for API calls.
 */
export async function guestToken(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/guest/refresh?env=development`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in failed: HTTP ${res.status}`);
  const body = (await res.json()) as { backstageIdentity?: { token?: string } };
  const token = body.backstageIdentity?.token;
  if (!token) throw new Error('guest sign-in returned no token');
  return token;
}

interface EntityRow {
  kind: string;
  metadata: { name: string; namespace?: string };
  relations?: { type: string; targetRef: string }[];
}

/**
 * Waits until the catalog holds `refs` (with their relations stitched) and the number of entities
 * has stopped changing for a few polls, i.e. the example catalog is ingested.
 */
export async function waitForCatalog(
  url: string,
  opts: {
    refs?: string[];
    timeoutMs?: number;
    isDead?: () => string | undefined;
  } = {},
): Promise<number> {
  const refs = opts.refs ?? exampleEntityRefs;
  const timeoutMs = opts.timeoutMs ?? 180_000;
  const deadline = performance.now() + timeoutMs;
  let token = await guestToken(url);
  let counts: number[] = [];
  let missing = refs;
  while (performance.now() < deadline) {
    const dead = opts.isDead?.();
    if (dead)
      throw new Error(`backend exited while waiting for the catalog (${dead})`);
    try {
      const res = await fetch(
        `${url}/api/catalog/entities/by-query?limit=1000&fields=kind,metadata.name,metadata.namespace,relations`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      if (res.status === 401) token = await guestToken(url);
      if (res.ok) {
        const body = (await res.json()) as {
          items: EntityRow[];
          totalItems: number;
        };
        const have = new Map(
          body.items.map(e => [
            `${e.kind}:${e.metadata.namespace ?? 'default'}/${
              e.metadata.name
            }`.toLowerCase(),
            e,
          ]),
        );
        missing = refs.filter(
          r => !have.get(r.toLowerCase())?.relations?.length,
        );
        counts = [...counts, body.totalItems].slice(-4);
        const stable =
          counts.length === 4 && counts.every(c => c === counts[0]);
        if (missing.length === 0 && stable) return body.totalItems;
      }
    } catch {
      // backend busy or restarting; retry
    }
    await sleep(1_000);
  }
  throw new Error(
    `catalog not ingested within ${timeoutMs} ms: missing ${
      missing.join(', ') || '-'
    }, ` + `entity counts ${counts.join(' -> ')}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Fake Argo CD (e2e/fake-argocd.cts)

/**
 * Starts a TypeScript helper server in a child process (its own process group, stopped with the
 * portal) and waits for its first stdout line: a JSON description of what it serves.
 */
async function startHelperProcess(
  script: string,
  what: string,
): Promise<{ description: any; pgid: number }> {
  const child = spawn(
    process.execPath,
    [
      '--require',
      './node_modules/@backstage/cli/config/nodeTransform.cjs',
      script,
    ],
    { cwd: repoRoot, detached: true, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const pgid = child.pid!;
  installExitHooks();
  liveGroups.add(pgid);
  const line = await new Promise<string>((resolveLine, reject) => {
    let buffered = '';
    const timer = setTimeout(
      () => reject(new Error(`${what} did not start within 60 s`)),
      60_000,
    );
    child.stdout!.on('data', chunk => {
      buffered += String(chunk);
      const end = buffered.indexOf('\n');
      if (end >= 0) {
        clearTimeout(timer);
        resolveLine(buffered.slice(0, end));
      }
    });
    child.on('exit', code => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code})`));
    });
  });
  return { description: JSON.parse(line), pgid };
}

export interface FakeArgocd {
  instances: { name: string; url: string; token: string }[];
  /** POST /fault {instance, fault} here to take an instance down (PORTICO_E2E_ARGOCD_CONTROL). */
  control: string;
  /** Application names served (the example catalog's argocd/app-name annotations). */
  apps: string[];
  pgid: number;
}

/**
 * Starts the fake Argo CD instances of argocd-backend's test utilities in a child process (its own
 * process group, stopped with the portal) and waits for the line describing them. The backend
 * gets their URLs and tokens through PORTICO_E2E_ARGOCD_<NAME>_URL / _TOKEN, which
 * e2e/app-config.e2e.yaml reads (argocd.instances, argocd.appLocatorMethods).
 */
export async function startFakeArgocd(
  log: (line: string) => void = defaultLog,
): Promise<FakeArgocd> {
  const { description, pgid } = await startHelperProcess(
    'e2e/fake-argocd.cts',
    'fake Argo CD',
  );
  const fake = { ...description, pgid } as FakeArgocd;
  log(
    `fake Argo CD: ${fake.instances
      .map(i => `${i.name} ${i.url}`)
      .join(', ')} (${fake.apps.length} apps; control ${fake.control})`,
  );
  return fake;
}

/** Backend env for the fake instances (read by e2e/app-config.e2e.yaml). */
function fakeArgocdEnv(fake: FakeArgocd): NodeJS.ProcessEnv {
  return Object.fromEntries(
    fake.instances.flatMap(i => {
      const key = `PORTICO_E2E_ARGOCD_${i.name.toUpperCase()}`;
      return [
        [`${key}_URL`, i.url],
        [`${key}_TOKEN`, i.token],
      ];
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Loopback Git server (e2e/loopback-git.cts)

export interface LoopbackGit {
  /** Base URL, e.g. http://127.0.0.1:N */
  url: string;
  /** host:port, what a template's repoUrl names. */
  host: string;
  adminToken: string;
  pgid: number;
}

/**
 * Starts the loopback Git server of scaffolder-backend-module-platform's test utilities in a child
 * process (its own process group, stopped with the portal) holding the GitOps repository
 * platform/gitops. The backend gets it through PORTICO_E2E_GIT_URL / _HOST / _ADMIN_TOKEN, which
 * e2e/app-config.e2e.yaml reads (portico.scaffolder.git, portico.scaffolder.gitops,
 * backend.reading.allow).
 */
export async function startLoopbackGit(
  log: (line: string) => void = defaultLog,
): Promise<LoopbackGit> {
  const { description, pgid } = await startHelperProcess(
    'e2e/loopback-git.cts',
    'loopback Git server',
  );
  const git = { ...description, pgid } as LoopbackGit;
  log(`loopback Git server: ${git.url} (GitOps repository platform/gitops)`);
  return git;
}

// ---------------------------------------------------------------------------------------------
// Start / stop

export async function startPortal(opts: StartOptions = {}): Promise<Portal> {
  const log = opts.log ?? defaultLog;
  ensureAppBuilt(opts.build ?? 'if-stale', log);

  const port = Number(process.env.PORTICO_PORT) || (await freePort());
  const url = `http://localhost:${port}`;
  const logFile = opts.logFile ?? join(repoRoot, 'e2e', 'logs', 'backend.log');
  mkdirSync(resolve(logFile, '..'), { recursive: true });
  const out = openSync(logFile, 'w');

  const argocd = await startFakeArgocd(log);
  // Journeys run in child processes of this one (run-journeys.ts) and inherit this.
  process.env.PORTICO_E2E_ARGOCD_CONTROL = argocd.control;
  const git = await startLoopbackGit(log);
  process.env.PORTICO_E2E_GIT_HOST = git.host;
  const mkdocsDir = mkdocsPathDir();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...fakeArgocdEnv(argocd),
    PORTICO_E2E_GIT_URL: git.url,
    PORTICO_E2E_GIT_HOST: git.host,
    PORTICO_E2E_GIT_ADMIN_TOKEN: git.adminToken,
    PATH: [mkdocsDir, process.env.PATH].filter(Boolean).join(':'),
    // Highest-priority config: the port picked above (app-config.e2e.yaml says 7007).
    APP_CONFIG_app_baseUrl: url,
    APP_CONFIG_backend_baseUrl: url,
    APP_CONFIG_backend_listen_port: String(port),
    APP_CONFIG_backend_cors_origin: url,
    FORCE_COLOR: '0',
  };
  const configArgs = [
    '--config',
    '../../app-config.yaml',
    '--config',
    '../../app-config.development.yaml',
    '--config',
    '../../e2e/app-config.e2e.yaml',
  ];
  const watch = opts.restartOnChange ?? true;
  log(
    `starting backend on ${url} (log: ${logFile}${
      watch ? '' : '; not restarted on source changes'
    })`,
  );
  const spawnedAt = performance.now();
  // detached: own process group, so the whole tree can be signalled at once.
  const child = watch
    ? spawn('yarn', ['workspace', 'backend', 'start', ...configArgs], {
        cwd: repoRoot,
        env,
        detached: true,
        stdio: ['ignore', out, out],
      })
    : // What `backstage-cli package start` runs (its runBackend), minus the watcher and IPC.
      spawn(
        process.execPath,
        [
          '--enable-source-maps',
          '--require',
          join(
            repoRoot,
            'node_modules/@backstage/cli/config/nodeTransform.cjs',
          ),
          'src/index.ts',
          ...configArgs,
        ],
        {
          cwd: join(repoRoot, 'packages', 'backend'),
          env: {
            ...env,
            NODE_ENV: process.env.NODE_ENV ?? 'development',
            ESBK_TSCONFIG_PATH: join(repoRoot, 'tsconfig.json'),
          },
          detached: true,
          stdio: ['ignore', out, out],
        },
      );
  closeSync(out);
  const pgid = child.pid!;
  installExitHooks();
  liveGroups.add(pgid);
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
    argocd,
    git,
    async stop() {
      await killGroup(pgid);
      liveGroups.delete(pgid);
      await killGroup(argocd.pgid, 2_000);
      liveGroups.delete(argocd.pgid);
      await killGroup(git.pgid, 2_000);
      liveGroups.delete(git.pgid);
      if (mkdocsDir) {
        rmSync(mkdocsDir, { recursive: true, force: true });
        tempDirs.delete(mkdocsDir);
      }
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
  return { url: external, external: true, stop: async () => {} };
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
