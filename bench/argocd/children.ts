/*
 * The bench's two kinds of child process: the fake Argo CD instances (platformChild.ts: the local
 * platform's argocd peer) and one backend under test (backendChild.ts: the real auth and catalog
 * plugins beside the Argo CD backend, configured here), each forked with the
 * CLI's node transform and talked to over IPC; the fakes' request counts come from the peer's
 * control server.
 */
import { ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { argocdControl } from '@internal/local-platform';
import { freePort } from '@internal/plugin-portico-node/testUtils';
import { stringify } from 'yaml';
import { VIEWER_USER, writeCatalog } from './catalog';
import {
  SCALE,
  ENTITIES,
  REFRESH_SIM_S,
  CHANGE_SIM_MS,
  Mode,
  REPO,
} from './settings';
import { refEnv } from './ref';
import { ARGOCD_USER } from './workload';

/** The frontend served by the backend (the browser probe): what its config needs. */
export interface ServedApp {
  /** auth.environment (the sign-in page offers Guest in development only). */
  authEnvironment: string;
  /** The app's own config beside baseUrl (title, feature packages, extensions) and the rest it reads. */
  frontend: { app?: object } & Record<string, unknown>;
}

export type FakeInstance = {
  name: string;
  url: string;
  /** The instance's Argo CD token (the peer's, random per start). */
  token: string;
  apps: number;
};

export interface Fakes {
  instances: FakeInstance[];
  /** The peer's control server (changes applications: POST /apps/<instance>/<name>). */
  control: string;
  counts(): Promise<Record<string, Record<string, number>>>;
  /** Watch streams open right now, per instance. */
  openWatches(): Promise<Record<string, number>>;
  reset(): Promise<void>;
  /** Makes `instance` answer with a fault (the peer's control server: error, timeout, down). */
  fault(instance: string, kind: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The next IPC message of `type` from `proc` (the TypeScript loader also sends messages; only
 * that type counts). Rejects if the process exits first.
 */
function nextMessage<T>(proc: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: any) => {
      if (m?.type === type) {
        proc.off('message', onMessage);
        proc.off('exit', onExit);
        resolve(m as T);
      }
    };
    const onExit = (code: number | null) =>
      reject(new Error(`process exited with ${code} before '${type}'`));
    proc.on('message', onMessage);
    proc.once('exit', onExit);
  });
}

export function ipcRequest<T>(proc: ChildProcess, type: string): Promise<T> {
  const answer = nextMessage<T>(proc, type);
  proc.send({ type });
  return answer;
}

/** The fake Argo CD instances, in their own process (platformChild.ts). */
export async function startFakes(): Promise<Fakes> {
  const proc = fork(path.join(__dirname, 'platformChild.ts'), [], {
    cwd: REPO,
    env: {
      ...process.env,
      BENCH_MUTATE_MS: String(Math.round(CHANGE_SIM_MS / SCALE)),
    },
    execArgv: [
      '--require',
      path.join(REPO, 'node_modules/@backstage/cli/config/nodeTransform.cjs'),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { instances, control } = await nextMessage<{
    instances: FakeInstance[];
    control: string;
  }>(proc, 'ready').catch(e => {
    throw new Error(`fake Argo CD: ${e.message}`);
  });
  const controlled = argocdControl(control);
  return {
    instances,
    control,
    counts: controlled.counts,
    openWatches: controlled.openWatches,
    reset: controlled.resetCounts,
    fault: (instance, kind) => controlled.fault(instance, { kind }),
    stop: () =>
      new Promise(resolve => {
        proc.once('exit', () => resolve());
        proc.send({ type: 'stop' });
      }),
  };
}

/**
 * The backend's app-config: loopback, in-memory SQLite, the auth plugin with the guest provider
 * signing in the bench's catalog User (outside development, hence the explicit allow), the
 * catalog reading `catalogFile`, and the fakes as each backend is configured in production:
 * with the instances' tokens (`roadie_password`: Roadie with username/password instead, so it
 * logs in before every call).
 */
function backendConfig(
  mode: Mode,
  port: number,
  fakes: Fakes,
  catalogFile: string,
  served: ServedApp | undefined,
): object {
  const baseUrl = `http://127.0.0.1:${port}`;
  const base = {
    ...served?.frontend,
    app: { ...served?.frontend.app, baseUrl },
    backend: {
      baseUrl,
      listen: { port, host: '127.0.0.1' },
      database: { client: 'better-sqlite3', connection: ':memory:' },
    },
    auth: {
      ...(served ? { environment: served.authEnvironment } : {}),
      providers: {
        guest: {
          userEntityRef: VIEWER_USER,
          dangerouslyAllowOutsideDevelopment: true,
        },
      },
    },
    // Portico's policy, as in production: the catalog authorizes every read of the viewer
    permission: { enabled: true },
    catalog: {
      rules: [{ allow: ['Component', 'Group', 'User'] }],
      locations: [{ type: 'file', target: catalogFile }],
    },
  };
  const instances = fakes.instances.map(i =>
    mode === 'roadie_password'
      ? { name: i.name, url: i.url, ...ARGOCD_USER }
      : { name: i.name, url: i.url, token: i.token },
  );
  if (mode === 'ours_empty') return { ...base, argocd: { instances: [] } };
  if (mode === 'ours') {
    return {
      ...base,
      argocd: {
        refresh: {
          // without a watch (BENCH_ARGOCD_REF before the watch, or watch: false): the poll
          frequency: {
            milliseconds: Math.round((REFRESH_SIM_S * 1000) / SCALE),
          },
          // with the watch: a safety resync every 60 s (simulated; the default is 10 min), so
          // full lists are applied during the measured 2 minutes too (the event-loop stall goal)
          resync: { milliseconds: Math.round(60_000 / SCALE) },
        },
        instances,
      },
    };
  }
  return {
    ...base,
    argocd: { appLocatorMethods: [{ type: 'config', instances }] },
  };
}

export interface ChildReport {
  maxRssKb: number;
  rssKb: number;
  cpuMs: number;
  logLines: number;
  /** Since the last report. */
  loopDelayMs: { p99: number; max: number };
  /** The `fields` query of the backend's Argo CD list calls, by instance origin. */
  listFields: Record<string, string>;
}

export interface Child {
  proc: ChildProcess;
  port: number;
  report(): Promise<ChildReport>;
  /** Sets the floor route's constant answer (floorPlugin.ts). */
  setFloor(body: string): Promise<void>;
  stop(): Promise<void>;
}

/** One backend under test (backendChild.ts) in `mode`, its config and catalog in a temp dir. */
export async function startBackend(
  mode: Mode,
  fakes: Fakes,
  served?: ServedApp,
): Promise<Child> {
  const kind = mode.startsWith('ours') ? 'ours' : 'roadie';
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-argocd-${mode}-`));
  const configFile = path.join(dir, 'app-config.yaml');
  const catalogFile = writeCatalog(dir, ENTITIES);
  fs.writeFileSync(
    configFile,
    stringify(backendConfig(mode, port, fakes, catalogFile, served)),
  );
  const proc = fork(
    path.join(__dirname, 'backendChild.ts'),
    ['--config', configFile],
    {
      cwd: REPO,
      execArgv: [
        '--require',
        path.join(REPO, 'node_modules/@backstage/cli/config/nodeTransform.cjs'),
        // V8/Node flags for both backends alike (e.g. GC settings), space-separated
        ...(process.env.BENCH_ARGOCD_NODE_FLAGS ?? '')
          .split(' ')
          .filter(Boolean),
        ...(process.env.BENCH_ARGOCD_CPU_PROF
          ? [
              '--cpu-prof',
              `--cpu-prof-dir=${process.env.BENCH_ARGOCD_CPU_PROF}`,
            ]
          : []),
      ],
      env: {
        ...process.env,
        BENCH_BACKEND: kind,
        ...(served ? { BENCH_APP_DIST: '1' } : {}),
        ...(kind === 'ours' ? refEnv() : {}),
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  await nextMessage(proc, 'ready').catch(e => {
    throw new Error(`${mode} backend: ${e.message}`);
  });
  return {
    proc,
    port,
    report: () => ipcRequest(proc, 'report'),
    setFloor: async body => {
      const done = nextMessage(proc, 'floor');
      proc.send({ type: 'floor', body });
      await done;
    },
    stop: () =>
      new Promise(resolve => {
        proc.once('exit', () => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        proc.send({ type: 'stop' });
        setTimeout(() => proc.kill('SIGKILL'), 10_000).unref();
      }),
  };
}
