import { type ExportedService, LATENCY_BUCKETS } from './exporterServices';

/** One sample: metric name, label pairs, value. */
export type Sample = [
  name: string,
  labels: Array<[string, string]>,
  value: number,
];

/** Metric families in exposition order, with their Prometheus type. */
export const FAMILIES: Array<[string, 'counter' | 'gauge' | 'histogram']> = [
  ['container_cpu_usage_seconds_total', 'counter'],
  ['container_memory_working_set_bytes', 'gauge'],
  ['kube_pod_container_resource_requests', 'gauge'],
  ['kube_pod_container_resource_limits', 'gauge'],
  ['kube_pod_container_status_restarts_total', 'counter'],
  ['kube_persistentvolumeclaim_resource_requests_storage_bytes', 'gauge'],
  ['http_requests_total', 'counter'],
  ['http_request_duration_seconds', 'histogram'],
];

/**
 * How values move over time. Without `wave` every rate and gauge is constant (what the tests
 * check exactly); with it (the demo) they follow a daily-ish wave, counters staying monotonic.
 */
export interface SampleClock {
  /** Unix seconds at which counters are 0. */
  origin: number;
  /** Relative amplitude (0..0.9) of the wave; 0 = constant. */
  wave?: number;
}

const PERIOD = 4 * 3600;

function phase(s: ExportedService): number {
  let h = 0;
  for (const c of s.app) h = (h * 31 + c.charCodeAt(0)) % 997;
  return h / 50;
}

/** Integral of r·(1 + A·sin(2πt/P + φ)) from origin to t: a counter whose rate follows the wave. */
function counter(
  rate: number,
  t: number,
  clock: SampleClock,
  s: ExportedService,
): number {
  const a = clock.wave ?? 0;
  const w = (2 * Math.PI) / PERIOD;
  const base = rate * (t - clock.origin);
  if (!a) return base;
  const p = phase(s);
  return (
    base +
    ((rate * a) / w) * (Math.cos(w * clock.origin + p) - Math.cos(w * t + p))
  );
}

function gauge(
  value: number,
  t: number,
  clock: SampleClock,
  s: ExportedService,
): number {
  const a = (clock.wave ?? 0) / 3;
  if (!a) return value;
  return Math.round(
    value * (1 + a * Math.sin((2 * Math.PI * t) / PERIOD + phase(s) + 1)),
  );
}

/** One pod of a service: its share of the service's figures. */
interface PodShare extends ExportedService {
  pod: number;
}

/**
 * The pods of a service (`replicas`, default 1), each with an equal share of usage, traffic,
 * requests and limits, so sums over the pods are the service's figures; restarts and the volume
 * belong to the first pod.
 */
function podsOf(s: ExportedService): PodShare[] {
  const n = Math.max(1, Math.floor(s.replicas ?? 1));
  if (n === 1) return [{ ...s, pod: 0 }];
  return Array.from({ length: n }, (_, pod) => ({
    ...s,
    pod,
    cpuCores: s.cpuCores / n,
    memoryBytes: s.memoryBytes / n,
    cpuRequest: s.cpuRequest / n,
    cpuLimit: s.cpuLimit / n,
    memoryRequest: s.memoryRequest / n,
    memoryLimit: s.memoryLimit / n,
    okPerSecond: s.okPerSecond / n,
    errorsPerSecond: s.errorsPerSecond / n,
    restarts: pod === 0 ? s.restarts : 0,
    storageBytes: pod === 0 ? s.storageBytes : 0,
  }));
}

/** Every sample of the families above for `services` at unix time `t`. */
export function metricSamples(
  services: ExportedService[],
  t: number,
  clock: SampleClock,
): Sample[] {
  const out: Sample[] = [];
  const pods = services.flatMap(podsOf);
  const base = (s: PodShare): Array<[string, string]> => [
    ['namespace', s.namespace],
    ['app', s.app],
    ['pod', `${s.app}-${s.pod}`],
  ];
  for (const s of pods) {
    out.push([
      'container_cpu_usage_seconds_total',
      [...base(s), ['container', 'main']],
      counter(s.cpuCores, t, clock, s),
    ]);
    // the pause container must not be counted
    out.push([
      'container_cpu_usage_seconds_total',
      [...base(s), ['container', 'POD']],
      7 * (t - clock.origin),
    ]);
  }
  for (const s of pods) {
    out.push([
      'container_memory_working_set_bytes',
      [...base(s), ['container', 'main']],
      gauge(s.memoryBytes, t, clock, s),
    ]);
  }
  for (const name of [
    'kube_pod_container_resource_requests',
    'kube_pod_container_resource_limits',
  ]) {
    const limits = name.endsWith('limits');
    for (const s of pods) {
      out.push([
        name,
        [
          ...base(s),
          ['container', 'main'],
          ['resource', 'cpu'],
          ['unit', 'core'],
        ],
        limits ? s.cpuLimit : s.cpuRequest,
      ]);
      out.push([
        name,
        [
          ...base(s),
          ['container', 'main'],
          ['resource', 'memory'],
          ['unit', 'byte'],
        ],
        limits ? s.memoryLimit : s.memoryRequest,
      ]);
    }
  }
  for (const s of pods) {
    out.push([
      'kube_pod_container_status_restarts_total',
      [...base(s), ['container', 'main']],
      s.restarts,
    ]);
  }
  for (const s of pods) {
    if (s.storageBytes > 0) {
      out.push([
        'kube_persistentvolumeclaim_resource_requests_storage_bytes',
        [
          ['namespace', s.namespace],
          ['app', s.app],
          ['persistentvolumeclaim', `data-${s.app}`],
        ],
        s.storageBytes,
      ]);
    }
  }
  for (const s of pods) {
    out.push([
      'http_requests_total',
      [...base(s), ['code', '200']],
      counter(s.okPerSecond, t, clock, s),
    ]);
    out.push([
      'http_requests_total',
      [...base(s), ['code', '500']],
      counter(s.errorsPerSecond, t, clock, s),
    ]);
  }
  for (const s of pods) {
    const total = counter(s.okPerSecond + s.errorsPerSecond, t, clock, s);
    for (const [le, share] of LATENCY_BUCKETS) {
      out.push([
        'http_request_duration_seconds_bucket',
        [...base(s), ['le', le]],
        share * total,
      ]);
    }
    out.push(['http_request_duration_seconds_sum', base(s), 0.08 * total]);
    out.push(['http_request_duration_seconds_count', base(s), total]);
  }
  return out;
}

function escape(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n');
}

/** `name{a="b",...}` */
export function seriesText([name, labels]: Sample): string {
  return `${name}{${labels.map(([k, v]) => `${k}="${escape(v)}"`).join(',')}}`;
}
