import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  EXPORTED_SERVICES,
  type ExportedService,
  LATENCY_BUCKETS,
} from './exporterServices';

function label(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n');
}

/** Prometheus text exposition of the cAdvisor, kube-state-metrics and HTTP families. */
export function exposition(
  services: ExportedService[],
  elapsedSeconds: number,
): string {
  const lines: string[] = [];
  const family = (name: string, type: string) =>
    lines.push(`# HELP ${name} test fixture`, `# TYPE ${name} ${type}`);
  const base = (s: ExportedService) =>
    `namespace="${label(s.namespace)}",app="${label(s.app)}",pod="${label(
      s.app,
    )}-0"`;
  const t = elapsedSeconds;

  family('container_cpu_usage_seconds_total', 'counter');
  for (const s of services) {
    lines.push(
      `container_cpu_usage_seconds_total{${base(s)},container="main"} ${
        s.cpuCores * t
      }`,
    );
    // the pause container must not be counted
    lines.push(
      `container_cpu_usage_seconds_total{${base(s)},container="POD"} ${7 * t}`,
    );
  }
  family('container_memory_working_set_bytes', 'gauge');
  for (const s of services) {
    lines.push(
      `container_memory_working_set_bytes{${base(s)},container="main"} ${
        s.memoryBytes
      }`,
    );
  }
  family('kube_pod_container_resource_requests', 'gauge');
  for (const s of services) {
    lines.push(
      `kube_pod_container_resource_requests{${base(
        s,
      )},container="main",resource="cpu",unit="core"} ${s.cpuRequest}`,
    );
    lines.push(
      `kube_pod_container_resource_requests{${base(
        s,
      )},container="main",resource="memory",unit="byte"} ${s.memoryRequest}`,
    );
  }
  family('kube_pod_container_resource_limits', 'gauge');
  for (const s of services) {
    lines.push(
      `kube_pod_container_resource_limits{${base(
        s,
      )},container="main",resource="cpu",unit="core"} ${s.cpuLimit}`,
    );
    lines.push(
      `kube_pod_container_resource_limits{${base(
        s,
      )},container="main",resource="memory",unit="byte"} ${s.memoryLimit}`,
    );
  }
  family('kube_pod_container_status_restarts_total', 'counter');
  for (const s of services) {
    lines.push(
      `kube_pod_container_status_restarts_total{${base(s)},container="main"} ${
        s.restarts
      }`,
    );
  }
  family('kube_persistentvolumeclaim_resource_requests_storage_bytes', 'gauge');
  for (const s of services) {
    if (s.storageBytes > 0) {
      lines.push(
        `kube_persistentvolumeclaim_resource_requests_storage_bytes{namespace="${label(
          s.namespace,
        )}",app="${label(s.app)}",persistentvolumeclaim="data-${label(
          s.app,
        )}"} ${s.storageBytes}`,
      );
    }
  }
  family('http_requests_total', 'counter');
  for (const s of services) {
    lines.push(
      `http_requests_total{${base(s)},code="200"} ${s.okPerSecond * t}`,
    );
    lines.push(
      `http_requests_total{${base(s)},code="500"} ${s.errorsPerSecond * t}`,
    );
  }
  family('http_request_duration_seconds', 'histogram');
  for (const s of services) {
    const total = (s.okPerSecond + s.errorsPerSecond) * t;
    for (const [le, share] of LATENCY_BUCKETS) {
      lines.push(
        `http_request_duration_seconds_bucket{${base(s)},le="${le}"} ${
          share * total
        }`,
      );
    }
    lines.push(`http_request_duration_seconds_sum{${base(s)}} ${0.08 * total}`);
    lines.push(`http_request_duration_seconds_count{${base(s)}} ${total}`);
  }
  return `${lines.join('\n')}\n`;
}

/** An HTTP server on a free loopback port serving `/metrics` for the given services. */
export async function startMetricsExporter(
  services: ExportedService[] = Object.values(EXPORTED_SERVICES),
  listenPort = 0,
): Promise<{ url: string; port: number; stop(): Promise<void> }> {
  const started = Date.now();
  const server = http.createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
    res.end(exposition(services, (Date.now() - started) / 1000));
  });
  await new Promise<void>(resolve =>
    server.listen(listenPort, '127.0.0.1', resolve),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
