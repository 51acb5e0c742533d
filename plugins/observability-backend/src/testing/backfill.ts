import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ExportedService } from './exporterServices';
import { metricSamples, type SampleClock, seriesText } from './metricSamples';

/**
 * Writes the history of `services` between `from` and `to` (unix seconds) as OpenMetrics and turns
 * it into TSDB blocks in `dataDir` with `promtool tsdb create-blocks-from openmetrics`, so that a
 * fresh Prometheus has days of data. `steps` gives the sample spacing per age: e.g.
 * `[[3 * 3600, 15], [Infinity, 300]]` = every 15 s for the last 3 hours, every 5 min before.
 */
export function backfillHistory(options: {
  services: ExportedService[];
  clock: SampleClock;
  from: number;
  to: number;
  steps: Array<[maxAgeSeconds: number, stepSeconds: number]>;
  dataDir: string;
  promtool?: string;
}): void {
  const { services, clock, from, to, steps, dataDir } = options;
  const times: number[] = [];
  const bands = [...steps].sort((a, b) => a[0] - b[0]);
  for (let t = from; t <= to; ) {
    times.push(t);
    const band =
      bands.find(([maxAge]) => to - t <= maxAge) ?? bands[bands.length - 1];
    t += band[1];
  }
  // OpenMetrics wants each family's samples together: one `unknown` family per metric name.
  const byName = new Map<string, string[]>();
  for (const t of times) {
    for (const sample of metricSamples(services, t, clock)) {
      const lines = byName.get(sample[0]) ?? [];
      lines.push(`${seriesText(sample)} ${sample[2]} ${t}`);
      byName.set(sample[0], lines);
    }
  }
  const file = path.join(path.dirname(dataDir), 'history.om');
  const out = fs.openSync(file, 'w');
  for (const [name, lines] of byName) {
    fs.writeSync(out, `# TYPE ${name} unknown\n${lines.join('\n')}\n`);
  }
  fs.writeSync(out, '# EOF\n');
  fs.closeSync(out);
  fs.mkdirSync(dataDir, { recursive: true });
  const result = spawnSync(
    options.promtool ?? '/usr/bin/promtool',
    ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', file, dataDir],
    { encoding: 'utf8' },
  );
  fs.rmSync(file, { force: true });
  if (result.status !== 0) {
    throw new Error(
      `promtool could not backfill: ${result.stderr || result.error}`,
    );
  }
}
