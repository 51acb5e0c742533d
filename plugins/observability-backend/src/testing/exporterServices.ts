/**
 * The services the test exporter pretends to run, with the figures the default templates should
 * give back. Rates are per second; counters grow linearly from the exporter's start, so Prometheus'
 * rate() of them is exact.
 */
export interface ExportedService {
  namespace: string;
  app: string;
  cpuCores: number;
  memoryBytes: number;
  cpuRequest: number;
  cpuLimit: number;
  memoryRequest: number;
  memoryLimit: number;
  restarts: number;
  storageBytes: number;
  okPerSecond: number;
  errorsPerSecond: number;
  /** Pods the figures are spread over (default 1). */
  replicas?: number;
}

const MI = 1024 ** 2;
const GI = 1024 ** 3;

export const EXPORTED_SERVICES = {
  checkout: {
    namespace: 'shop',
    app: 'checkout',
    cpuCores: 0.25,
    memoryBytes: 256 * MI,
    cpuRequest: 0.5,
    cpuLimit: 1,
    memoryRequest: 512 * MI,
    memoryLimit: 1 * GI,
    restarts: 3,
    storageBytes: 10 * GI,
    okPerSecond: 20,
    errorsPerSecond: 1,
  },
  payments: {
    namespace: 'shop',
    app: 'payments',
    cpuCores: 1.5,
    memoryBytes: 1 * GI,
    cpuRequest: 1,
    cpuLimit: 2,
    memoryRequest: 2 * GI,
    memoryLimit: 4 * GI,
    restarts: 7,
    storageBytes: 50 * GI,
    okPerSecond: 200,
    errorsPerSecond: 10,
  },
  /** A real label value full of characters that must be escaped: escaping must still find it. */
  weird: {
    namespace: 'shop',
    app: 'we"ird\\app {x}',
    cpuCores: 0.125,
    memoryBytes: 64 * MI,
    cpuRequest: 0.25,
    cpuLimit: 0.5,
    memoryRequest: 128 * MI,
    memoryLimit: 256 * MI,
    restarts: 0,
    storageBytes: 0,
    okPerSecond: 2,
    errorsPerSecond: 0,
  },
} satisfies Record<string, ExportedService>;

/**
 * Latency histogram shared by every service: 50% of requests ≤ 50 ms, 90% ≤ 100 ms, all ≤ 500 ms.
 * histogram_quantile gives p50 = 0.05, p95 = 0.3, p99 = 0.46.
 */
export const LATENCY_BUCKETS: Array<[string, number]> = [
  ['0.05', 0.5],
  ['0.1', 0.9],
  ['0.5', 1],
  ['+Inf', 1],
];
export const EXPECTED_LATENCY = { p50: 0.05, p95: 0.3, p99: 0.46 };

/** Expected error percentage of a service. */
export function expectedErrorPercentage(s: ExportedService): number {
  return (100 * s.errorsPerSecond) / (s.okPerSecond + s.errorsPerSecond);
}
