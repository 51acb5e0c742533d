/*
 * The load balancer of make prod-local: HAProxy (Debian's haproxy, scripts/system-deps.sh) on
 * loopback in front of the replicas, as a Kubernetes Service with readiness probes is: a replica
 * gets traffic only while GET /.backstage/health/v1/readiness answers 200 (checked every 500 ms,
 * then 250 ms apart after a failure: out after two failures, back after two successes; a check
 * may take 2 s, so a replica slowed by load is not taken out). A request whose connection is refused is
 * sent to another replica; a GET whose replica died before answering is retried once elsewhere;
 * a POST never is (it may have been carried out).
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';

export const READINESS_PATH = '/.backstage/health/v1/readiness';

export interface BalancerOptions {
  port: number;
  /** name -> port of each replica on 127.0.0.1. */
  replicas: { name: string; port: number }[];
  configFile: string;
  logFile: string;
  haproxy?: string;
}

/** The haproxy.cfg text for `options` (no user input in it: names and ports only). */
export function haproxyConfig(options: BalancerOptions): string {
  for (const r of options.replicas)
    if (!/^[a-z0-9-]+$/.test(r.name) || !Number.isInteger(r.port))
      throw new Error(`bad replica ${r.name}:${r.port}`);
  return [
    'global',
    '  maxconn 4096',
    '',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 120s',
    '  timeout server 120s',
    '  timeout http-keep-alive 10s',
    '  timeout check 2s',
    '  retries 2',
    '  option redispatch 1',
    '  retry-on conn-failure empty-response',
    '',
    'frontend portico',
    `  bind 127.0.0.1:${options.port}`,
    '  http-request disable-l7-retry if !METH_GET',
    '  default_backend replicas',
    '',
    'backend replicas',
    '  balance leastconn',
    `  option httpchk GET ${READINESS_PATH}`,
    '  http-check expect status 200',
    '  default-server inter 500ms fastinter 250ms downinter 500ms fall 2 rise 2',
    ...options.replicas.map(
      r => `  server ${r.name} 127.0.0.1:${r.port} check`,
    ),
    '',
  ].join('\n');
}

export interface Balancer {
  url: string;
  stop(): Promise<void>;
}

/** Writes the config and runs haproxy in the foreground (-db) until stop(). */
export async function startBalancer(
  options: BalancerOptions,
): Promise<Balancer> {
  writeFileSync(options.configFile, haproxyConfig(options));
  const out = openSync(options.logFile, 'w');
  const child = spawn(
    options.haproxy ?? '/usr/sbin/haproxy',
    ['-db', '-f', options.configFile],
    { stdio: ['ignore', out, out] },
  );
  closeSync(out);
  const exited = once(child, 'exit');
  const failed = Promise.race([
    exited.then(([code]) => {
      throw new Error(`haproxy exited (${code}); see ${options.logFile}`);
    }),
    once(child, 'error').then(([error]) => {
      throw error;
    }),
  ]);
  failed.catch(() => {});
  const url = `http://127.0.0.1:${options.port}`;
  // up once it accepts a connection (whatever the replicas answer)
  for (let i = 0; i < 100; i++) {
    const up = await Promise.race([
      fetch(`${url}/`, { signal: AbortSignal.timeout(1_000) }).then(
        () => true,
        () => false,
      ),
      failed,
    ]);
    if (up) break;
    await new Promise(r => setTimeout(r, 100));
  }
  return {
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
