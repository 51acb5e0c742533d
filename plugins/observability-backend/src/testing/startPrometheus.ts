import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitFor } from '@internal/plugin-portico-node/testUtils';
import { stringify } from 'yaml';

export interface RunningPrometheus {
  url: string;
  /** Instant query straight to Prometheus (for checks that bypass the backend). */
  query(
    promql: string,
  ): Promise<
    Array<{ metric: Record<string, string>; value: [number, string] }>
  >;
  stop(): Promise<void>;
}

async function sleep(ms: number) {
  await new Promise(r => setTimeout(r, ms));
}

/**
 * Starts the real Prometheus (/usr/bin/prometheus, 2.42) on a free loopback port with a throwaway
 * TSDB, scraping `targets` every second, and waits until it has `minSamples` samples of
 * `readyMetric` (so rate() has something to work on).
 */
export async function startPrometheus(options: {
  targets: string[];
  readyMetric?: string;
  minSamples?: number;
  binary?: string;
  /** Fixed port (default: a free one). */
  port?: number;
  /** Fills the TSDB directory before Prometheus starts (e.g. backfillHistory). */
  beforeStart?: (dataDir: string) => void | Promise<void>;
  /** How long Prometheus keeps data (default 1d). */
  retention?: string;
}): Promise<RunningPrometheus> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-prometheus-'));
  const port = options.port ?? (await freePort());
  const configFile = path.join(dir, 'prometheus.yml');
  fs.writeFileSync(
    configFile,
    stringify({
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      scrape_configs: [
        {
          job_name: 'exporter',
          honor_labels: true,
          static_configs: [{ targets: options.targets }],
          // series keep only the exporter's labels, like the backfilled history
          metric_relabel_configs: [
            { action: 'labeldrop', regex: 'job|instance' },
          ],
        },
      ],
    }),
  );
  // The TSDB directory goes however this process ends (an interrupted start included).
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
  process.once('exit', removeDir);
  try {
    await options.beforeStart?.(path.join(dir, 'data'));
  } catch (error) {
    removeDir();
    process.removeListener('exit', removeDir);
    throw error;
  }
  const child = spawn(
    options.binary ?? process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus',
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
      `--storage.tsdb.retention.time=${options.retention ?? '1d'}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', chunk => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  const url = `http://127.0.0.1:${port}`;

  const query: RunningPrometheus['query'] = async promql => {
    const res = await fetch(
      `${url}/api/v1/query?${new URLSearchParams({ query: promql })}`,
    );
    const body = (await res.json()) as any;
    if (body.status !== 'success') throw new Error(`Prometheus: ${body.error}`);
    return body.data.result;
  };
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    removeDir();
    process.removeListener('exit', removeDir);
  };

  const metric = options.readyMetric ?? 'container_cpu_usage_seconds_total';
  const minSamples = options.minSamples ?? 3;
  let ready: 'ready' | 'exited';
  try {
    ready = await waitFor(
      `${minSamples} samples of ${metric}`,
      async () => {
        if (child.exitCode !== null) return 'exited' as const;
        const result = await query(`min(count_over_time(${metric}[1m]))`);
        return result.length && Number(result[0].value[1]) >= minSamples
          ? ('ready' as const)
          : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  } catch {
    await stop();
    throw new Error(`Prometheus had no ${metric} samples after 30s: ${stderr}`);
  }
  if (ready === 'exited') {
    await stop();
    throw new Error(`Prometheus exited: ${stderr}`);
  }
  return { url, query, stop };
}
