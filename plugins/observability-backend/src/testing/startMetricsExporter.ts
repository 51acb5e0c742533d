import http from 'node:http';
import { listenLoopback } from './listenLoopback';
import { EXPORTED_SERVICES, type ExportedService } from './exporterServices';
import {
  FAMILIES,
  metricSamples,
  type SampleClock,
  seriesText,
} from './metricSamples';

/** Prometheus text exposition (0.0.4) of the cAdvisor, kube-state-metrics and HTTP families. */
export function exposition(
  services: ExportedService[],
  t: number,
  clock: SampleClock,
): string {
  const samples = metricSamples(services, t, clock);
  const lines: string[] = [];
  for (const [family, type] of FAMILIES) {
    lines.push(`# HELP ${family} test fixture`, `# TYPE ${family} ${type}`);
    for (const sample of samples) {
      const name = sample[0];
      const belongs =
        type === 'histogram' ? name.startsWith(`${family}_`) : name === family;
      if (belongs) lines.push(`${seriesText(sample)} ${sample[2]}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** An HTTP server on a free loopback port serving `/metrics` for the given services. */
export async function startMetricsExporter(
  services: ExportedService[] = Object.values(EXPORTED_SERVICES),
  listenPort = 0,
  clock: SampleClock = { origin: Date.now() / 1000 },
): Promise<{ url: string; port: number; stop(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
    res.end(exposition(services, Date.now() / 1000, clock));
  });
  return listenLoopback(server, listenPort);
}
