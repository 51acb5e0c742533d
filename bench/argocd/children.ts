/*
 * The bench's two kinds of child process: the fake Argo CD instances (platformChild.ts: the local
 * platform's argocd peer) and one backend under test (backendChild.ts), each forked with the
 * CLI's node transform and talked to over IPC; the fakes' request counts come from the peer's
 * control server.
 */
import { ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@internal/plugin-portico-node/testUtils';
import {
  SCALE,
  ENTITIES,
  REFRESH_SIM_S,
  CHANGE_SIM_MS,
  TOKEN,
  REPO,
} from './settings';
import { ARGOCD_USER } from './workload';

export type FakeInstance = { name: string; url: string; apps: number };

export interface Fakes {
  instances: FakeInstance[];
  counts(): Promise<Record<string, Record<string, number>>>;
  reset(): Promise<void>;
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
  const call = async (route: string, method = 'GET') => {
    const res = await fetch(`${control}${route}`, { method });
    if (!res.ok)
      throw new Error(`fake Argo CD control ${route}: ${res.status}`);
    return res;
  };
  return {
    instances,
    counts: async () => (await call('/counts')).json(),
    reset: async () => {
      await call('/counts/reset', 'POST');
    },
    stop: () =>
      new Promise(resolve => {
        proc.once('exit', () => resolve());
        proc.send({ type: 'stop' });
      }),
  };
}

function yamlConfig(
  kind: 'ours' | 'roadie',
  port: number,
  fakes: Fakes,
): string {
  const base = `
backend:
  baseUrl: http://127.0.0.1:${port}
  listen: { port: ${port}, host: 127.0.0.1 }
  database: { client: better-sqlite3, connection: ':memory:' }
  auth:
    externalAccess:
      - type: static
        options: { token: ${TOKEN}, subject: bench }
`;
  /** The fake instances as a YAML list, each line indented by `indent`. */
  const instances = (indent: string) =>
    fakes.instances
      .map(
        i =>
          `${indent}- { name: ${i.name}, url: '${i.url}', username: ${ARGOCD_USER.username}, password: ${ARGOCD_USER.password} }`,
      )
      .join('\n');
  if (kind === 'ours') {
    return `${base}
argocd:
  refresh:
    frequency: { milliseconds: ${Math.round((REFRESH_SIM_S * 1000) / SCALE)} }
    reload: { milliseconds: ${Math.round(5000 / SCALE)} }
  instances:
${instances('    ')}
`;
  }
  return `${base}
argocd:
  appLocatorMethods:
    - type: config
      instances:
${instances('        ')}
`;
}

export interface Child {
  proc: ChildProcess;
  port: number;
  report(): Promise<{
    maxRssKb: number;
    cpuMs: number;
    logLines: number;
    loopDelayMs: { p99: number; max: number };
  }>;
  stop(): Promise<void>;
}

export async function startBackend(
  kind: 'ours' | 'roadie',
  fakes: Fakes,
): Promise<Child> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-argocd-${kind}-`));
  const configFile = path.join(dir, 'app-config.yaml');
  fs.writeFileSync(configFile, yamlConfig(kind, port, fakes));
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
        BENCH_ENTITIES: String(ENTITIES),
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  await nextMessage(proc, 'ready').catch(e => {
    throw new Error(`${kind} backend: ${e.message}`);
  });
  return {
    proc,
    port,
    report: () => ipcRequest(proc, 'report'),
    stop: () =>
      new Promise(resolve => {
        proc.once('exit', () => resolve());
        proc.send({ type: 'stop' });
        setTimeout(() => proc.kill('SIGKILL'), 10_000).unref();
      }),
  };
}
