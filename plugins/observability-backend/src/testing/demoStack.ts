import type { ExportedService } from './exporterServices';
import type { LokiStream } from './startFakeLoki';
import { startFakeGrafana } from './startFakeGrafana';
import { startFakeLoki } from './startFakeLoki';
import { startMetricsExporter } from './startMetricsExporter';
import { startPrometheus } from './startPrometheus';
import { backfillHistory } from './backfill';
import type { SampleClock } from './metricSamples';

const MI = 1024 ** 2;
const GI = 1024 ** 3;

/** The example catalog's services (catalog/components), with plausible figures. */
export const DEMO_SERVICES: ExportedService[] = [
  [
    'storefront',
    'checkout-service',
    0.42,
    610 * MI,
    0.5,
    1,
    768 * MI,
    1 * GI,
    2,
    20 * GI,
    85,
    1.7,
  ],
  [
    'payments',
    'payments-api',
    0.9,
    1.2 * GI,
    1,
    2,
    1.5 * GI,
    2 * GI,
    0,
    50 * GI,
    140,
    0.4,
  ],
  [
    'storefront',
    'storefront-web',
    0.2,
    300 * MI,
    0.25,
    0.5,
    256 * MI,
    512 * MI,
    1,
    0,
    240,
    0.2,
  ],
  [
    'storefront',
    'storefront-gateway',
    0.35,
    420 * MI,
    0.5,
    1,
    512 * MI,
    1 * GI,
    0,
    0,
    320,
    3.2,
  ],
  [
    'storefront',
    'inventory-service',
    0.6,
    900 * MI,
    0.5,
    1,
    1 * GI,
    2 * GI,
    5,
    30 * GI,
    60,
    0.1,
  ],
  [
    'storefront',
    'search-indexer',
    1.4,
    2.5 * GI,
    1,
    2,
    2 * GI,
    4 * GI,
    1,
    100 * GI,
    5,
    0,
  ],
  [
    'payments',
    'fraud-detector',
    1.1,
    3 * GI,
    2,
    4,
    4 * GI,
    6 * GI,
    0,
    10 * GI,
    40,
    0.05,
  ],
  [
    'payments',
    'ledger-service',
    0.3,
    700 * MI,
    0.5,
    1,
    1 * GI,
    1 * GI,
    0,
    200 * GI,
    25,
    0.02,
  ],
].map(
  ([
    namespace,
    app,
    cpuCores,
    memoryBytes,
    cpuRequest,
    cpuLimit,
    memoryRequest,
    memoryLimit,
    restarts,
    storageBytes,
    okPerSecond,
    errorsPerSecond,
  ]) => ({
    namespace: namespace as string,
    app: app as string,
    cpuCores: cpuCores as number,
    memoryBytes: Math.round(memoryBytes as number),
    cpuRequest: cpuRequest as number,
    cpuLimit: cpuLimit as number,
    memoryRequest: Math.round(memoryRequest as number),
    memoryLimit: Math.round(memoryLimit as number),
    restarts: restarts as number,
    storageBytes: Math.round(storageBytes as number),
    okPerSecond: okPerSecond as number,
    errorsPerSecond: errorsPerSecond as number,
  }),
);

const MESSAGES: Array<[string, string]> = [
  ['info', 'GET /healthz 200 1ms'],
  ['info', 'POST /api/orders 201 42ms'],
  ['debug', 'cache hit key=cart:7f3a'],
  ['info', 'GET /api/cart 200 12ms'],
  ['warn', 'slow query 870ms table=orders'],
  ['info', 'GET /api/items?page=2 200 18ms'],
  ['error', 'upstream payments-api timeout after 2000ms'],
  ['info', 'PUT /api/cart/items 200 25ms'],
];

/** Log streams of the demo services: a line every 7 s over the last hour. */
export function demoLogStreams(nowSeconds: number): LokiStream[] {
  const streams: LokiStream[] = [];
  for (const service of DEMO_SERVICES) {
    const byLevel = new Map<string, Array<[string, string]>>();
    for (let i = 0; i < 3600 / 7; i++) {
      const [level, message] =
        MESSAGES[(i + service.app.length) % MESSAGES.length];
      const t = nowSeconds - i * 7;
      const values = byLevel.get(level) ?? [];
      values.push([`${t}000000000`, `${message} service=${service.app}`]);
      byLevel.set(level, values);
    }
    for (const [level, values] of byLevel) {
      streams.push({
        stream: {
          namespace: service.namespace,
          app: service.app,
          detected_level: level,
        },
        values,
      });
    }
  }
  return streams;
}

const STRING = '"((?:[^"\\\\]|\\\\.)*)"';

/**
 * The demo Loki's (simplified) evaluation of the LogQL Portico sends: equality stream matchers,
 * `|=` line filters and one `| label="value"` filter.
 */
export function selectDemoStreams(
  query: string,
  nowSeconds: number,
): LokiStream[] {
  const selector = /^\{([^}]*)\}/.exec(query)?.[1] ?? '';
  const matchers = [
    ...selector.matchAll(new RegExp(`([a-zA-Z_]\\w*)=${STRING}`, 'g')),
  ].map(m => [m[1], JSON.parse(`"${m[2]}"`)] as const);
  // `name=~"a|b"`: the backend's set of literal alternatives (the team's namespaces)
  const sets = [
    ...selector.matchAll(new RegExp(`([a-zA-Z_]\\w*)=~${STRING}`, 'g')),
  ].map(
    m =>
      [
        m[1],
        (JSON.parse(`"${m[2]}"`) as string)
          .split('|')
          .map(v => v.replace(/\\(.)/g, '$1')),
      ] as const,
  );
  const rest = query.slice(selector.length + 2);
  const lineFilters = [...rest.matchAll(new RegExp(`\\|= ${STRING}`, 'g'))].map(
    m => JSON.parse(`"${m[1]}"`),
  );
  const labelFilters = [
    ...rest.matchAll(new RegExp(`\\| ([a-zA-Z_]\\w*)=${STRING}`, 'g')),
  ].map(m => [m[1], JSON.parse(`"${m[2]}"`)] as const);
  return demoLogStreams(nowSeconds)
    .filter(s => matchers.every(([k, v]) => s.stream[k] === v))
    .filter(s => sets.every(([k, values]) => values.includes(s.stream[k])))
    .filter(s => labelFilters.every(([k, v]) => s.stream[k] === v))
    .map(s => ({
      stream: s.stream,
      values: s.values.filter(([, line]) =>
        lineFilters.every(f => line.includes(f)),
      ),
    }))
    .filter(s => s.values.length > 0);
}

/** Token the demo Grafana expects in render-proxy mode. */
export const DEMO_GRAFANA_TOKEN = 'dev-grafana-service-account-token';

/**
 * What the demo Prometheus serves and remembers. The defaults are the demo's (make start, the
 * browser journeys); a benchmark or a test gives its own services and history.
 */
export interface DemoWorkload {
  /** Services the exporter serves and the backfilled history covers (default DEMO_SERVICES). */
  services?: ExportedService[];
  /**
   * Counters' origin and the wave rates and gauges follow (default: counters started a week ago,
   * wave 0.35). Without `wave`, every rate and gauge is constant.
   */
  clock?: SampleClock;
  /**
   * Hours of history backfilled before Prometheus starts (default 48; 0 = none): every 15 s for
   * the last two hours, every 15 min before.
   */
  historyHours?: number;
  /** Scraped samples Prometheus must hold before the stack counts as started (default 2). */
  minSamples?: number;
}

/** Sample spacing of the backfilled history: every 15 s for 2 hours, every 15 min before. */
function historySteps(hours: number): Array<[number, number]> {
  return [
    [2 * 3600, 15],
    [Math.max(2, hours) * 3600, 900],
  ];
}

/**
 * Everything the Observability tab talks to, for development and the browser journey: the real
 * Prometheus scraping an exporter of the demo services, a Loki stand-in with demo log lines and a
 * Grafana stand-in. Ports are fixed when given (app-config.yaml expects 9090, 3100 and 3001);
 * `workload` changes what Prometheus serves (the Loki lines stay the demo services').
 */
export async function startDemoStack(
  ports: { prometheus?: number; loki?: number; grafana?: number } = {},
  workload: DemoWorkload = {},
) {
  const now = Math.floor(Date.now() / 1000);
  const services = workload.services ?? DEMO_SERVICES;
  // counters started a week ago; rates and gauges follow a wave, so charts have a shape
  const clock = workload.clock ?? { origin: now - 8 * 86400, wave: 0.35 };
  const historyHours = workload.historyHours ?? 48;
  const exporter = await startMetricsExporter(services, 0, clock);
  const prometheus = await startPrometheus({
    targets: [`127.0.0.1:${exporter.port}`],
    port: ports.prometheus,
    retention: '15d',
    minSamples: workload.minSamples ?? 2,
    beforeStart: dataDir => {
      if (historyHours <= 0) return;
      backfillHistory({
        services,
        clock,
        // by default two days (every 15 min), the last two hours every 15 s: enough for every
        // range (7d shows the two days) and quick to import
        from: now - historyHours * 3600,
        to: now - 5,
        steps: historySteps(historyHours),
        dataDir,
      });
    },
  });
  const loki = await startFakeLoki({
    port: ports.loki,
    streamsFor: query =>
      selectDemoStreams(query, Math.floor(Date.now() / 1000)),
  });
  const grafana = await startFakeGrafana({
    token: DEMO_GRAFANA_TOKEN,
    port: ports.grafana,
  });
  return {
    prometheusUrl: prometheus.url,
    lokiUrl: loki.url,
    grafanaUrl: grafana.url,
    async stop() {
      await Promise.allSettled([
        grafana.stop(),
        loki.stop(),
        prometheus.stop(),
        exporter.stop(),
      ]);
    },
  };
}
