/*
 * One replica of the production backend, as the image's CMD runs it:
 *   node packages/backend --config app-config.yaml --config app-config.production.yaml [...]
 * in the unpacked bundle, with NODE_ENV=production, on its own loopback port. Stopping it is a
 * pod's termination (SIGTERM, graceful); kill() is a node dying (SIGKILL).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { READINESS_PATH } from './balancer';

export interface ReplicaOptions {
  name: string;
  port: number;
  /** The bundle directory (the image's /app). */
  cwd: string;
  configs: string[];
  env: NodeJS.ProcessEnv;
  logFile: string;
}

export class Replica {
  private child?: ChildProcess;
  private exit?: Promise<unknown>;
  /** Why the current process ended ('exit 0', 'signal SIGKILL'), undefined while it runs. */
  exited?: string;

  constructor(readonly options: ReplicaOptions) {}

  get name(): string {
    return this.options.name;
  }

  get port(): number {
    return this.options.port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  get pid(): number | undefined {
    return this.exited ? undefined : this.child?.pid;
  }

  /** Starts the process (log appended to logFile); does not wait for readiness. */
  start(): void {
    const out = openSync(this.options.logFile, 'a');
    this.exited = undefined;
    const child = spawn(
      process.execPath,
      [
        '--no-node-snapshot',
        'packages/backend',
        ...this.options.configs.flatMap(c => ['--config', c]),
      ],
      {
        cwd: this.options.cwd,
        env: {
          ...this.options.env,
          NODE_ENV: 'production',
          PORTICO_REPLICA_PORT: String(this.options.port),
        },
        // its own process group: a Ctrl-C in the terminal reaches make prod-local, which stops it
        detached: true,
        stdio: ['ignore', out, out],
      },
    );
    closeSync(out);
    this.child = child;
    this.exit = once(child, 'exit').then(([code, signal]) => {
      this.exited = signal ? `signal ${signal}` : `exit ${code}`;
    });
  }

  /** Waits until readiness answers 200; throws when the process ends first or after timeoutMs. */
  async waitReady(timeoutMs = 240_000): Promise<number> {
    const began = Date.now();
    while (Date.now() - began < timeoutMs) {
      if (this.exited)
        throw new Error(
          `${this.name} stopped (${
            this.exited
          }) before it was ready; the end of ${
            this.options.logFile
          }:\n${this.logTail()}`,
        );
      try {
        const res = await fetch(`${this.url}${READINESS_PATH}`, {
          signal: AbortSignal.timeout(2_000),
        });
        if (res.ok) return Date.now() - began;
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    throw new Error(`${this.name} not ready after ${timeoutMs} ms`);
  }

  /** SIGTERM, then waits for the process to end (SIGKILL after graceMs). Returns how long it took. */
  async stop(graceMs = 30_000): Promise<number> {
    const began = Date.now();
    if (!this.child || this.exited) return 0;
    this.child.kill('SIGTERM');
    const done = await Promise.race([
      this.exit!.then(() => true),
      sleep(graceMs).then(() => false),
    ]);
    if (!done) {
      this.child.kill('SIGKILL');
      await this.exit;
    }
    return Date.now() - began;
  }

  /** SIGKILL: the process ends at once, requests in flight included. */
  async kill(): Promise<void> {
    if (!this.child || this.exited) return;
    this.child.kill('SIGKILL');
    await this.exit;
  }

  /** Resident set size in bytes (/proc), undefined when not running. */
  rssBytes(): number | undefined {
    const pid = this.pid;
    if (!pid) return undefined;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
      return Number.isFinite(kb) ? kb * 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  logTail(lines = 30): string {
    try {
      return readFileSync(this.options.logFile, 'utf8')
        .trimEnd()
        .split('\n')
        .filter(l => !l.includes('"type":"incomingRequest"'))
        .slice(-lines)
        .join('\n');
    } catch {
      return '';
    }
  }
}
