/* One file over 350 lines on purpose: a benchmark script whose phases share one Prometheus, one backend and one report.
 *
 * make bench NAME=observability — see run.sh. Everything runs in this process except Prometheus:
 * the exporter (Node http) and the real Prometheus 2.42 (child process, scrape every 1 s, with 2
 * hours of history backfilled at 15 s before it starts) are the local platform's observability
 * peer (@internal/local-platform, startLocalPlatform with peers ['observability'] and this bench's
 * workload as options.observability: its services, constant figures, 2 hours of history; its Loki
 * and Grafana stand-ins start too, unused), and a real Backstage backend (createBackend) with the
 * observability plugin, reached over HTTP with a static service token like any caller.
 *
 * Two services: `storefront` with 20 pods (the headline `ratio`: Prometheus sums 20 series per
 * query, as for a real production service) and `checkout` with one pod (`one_pod`: the smallest
 * query there is, where the proxy's fixed cost per request weighs most). The proxy's overhead is
 * the same for both (its answer has the same 3 series); only Prometheus' work differs.
 *
 * What changed with the backend's preset ranges (range=15m|1h|6h|24h|7d; start/end/step are a
 * 400), team-scoped namespaces and per-caller rate limit, and why the comparison stays fair:
 * - Both paths read the same window: the `1h` preset, whose step (RANGE_STEPS, 15 s) and rate
 *   window (max(minRateWindowSeconds, step) = 60 s) the backend chooses; the direct path asks
 *   Prometheus for exactly that window, ending on the last step boundary
 *   (floor(now / step) * step), as the backend does.
 * - Uncached: the client can no longer move the window's end, so the uncached figures come from a
 *   second Portico with `observability.cache.ttlSeconds: 0.001` (a result is kept 1 ms): every
 *   proxied request goes to Prometheus, which the bench checks with Prometheus' own query counter
 *   (6 queries per direct+proxy pair, else it fails). Prometheus keeps no results cache, so a
 *   window asked again within its step costs it the same as a new one; direct and proxy still
 *   alternate so both see the same Prometheus state.
 * - Cached and the 50 viewers: the production TTL (15 s) on the first Portico. Each viewer refresh
 *   waits for the next step boundary (15 s; the backend, not the client, moves the window on), so
 *   it is a new window as before.
 * - `portico.teamNamespaces.static: { team-a: [shop] }`: the entities are owned by
 *   group:default/team-a and narrow to namespace `shop`, which the team must hold (else 403); the
 *   backend then builds `namespace="shop",app="<app>"`, the selector the direct path uses.
 * - `observability.rateLimit` far above what the bench sends: every request comes from one
 *   service subject, and a 429 would measure the limiter, not the proxy.
 */
import { createBackend } from '@backstage/backend-defaults';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { observabilityPlugin } from '@internal/plugin-observability-backend';
import { RANGE_STEPS, RANGES } from '@internal/plugin-observability-common';
import { startLocalPlatform } from '@internal/local-platform';
import { requestJson } from '../lib/httpJson';
import {
  defaultQuery,
  prometheusQueryCount,
  EXPORTED_SERVICES,
  type ExportedService,
} from '@internal/plugin-observability-backend/testUtils';
import { freePort } from '@internal/plugin-portico-node/testUtils';

const REQUESTS = Number(process.env.BENCH_OBS_REQUESTS ?? 300);
const VIEWERS = 50;
const REFRESHES = 5;
const TOKEN = 'bench-observability-static-token-0123456789';
const RATE_WINDOW = 60;
/** The preset range both paths read; its step is the backend's. */
const RANGE = '1h' as const;
const RANGE_SECONDS = RANGES[RANGE];
const STEP = RANGE_STEPS[RANGE];
/** The production cache TTL (the default): the cached phase and the viewers. */
const CACHED_TTL = 15;
/** A TTL that keeps nothing between two sequential requests: the uncached phase. */
const UNCACHED_TTL = 0.001;
/** A service the size production services often are: 20 pods behind one app label. */
const STOREFRONT: ExportedService = {
  ...EXPORTED_SERVICES.checkout,
  app: 'storefront',
  replicas: 20,
};
const SERVICES = [...Object.values(EXPORTED_SERVICES), STOREFRONT];

function entity(name: string, app: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/kubernetes-namespace': 'shop',
        'backstage.io/kubernetes-id': app,
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/team-a',
    },
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

async function main() {
  // A service that has been running: the last 2 hours backfilled at a 15 s scrape interval
  // (Prometheus' usual), so the 1-hour range query reads a full hour of samples as it would in a
  // cluster, not the few seconds scraped since the bench started.
  // Counters started 3 hours ago, no wave (constant figures).
  const started = Math.floor(Date.now() / 1000);
  const platform = await startLocalPlatform({
    peers: ['observability'],
    // the observability peer calls nothing back; the bench's backends start below on free ports
    backendUrl: 'http://localhost:7007',
    options: {
      observability: {
        services: SERVICES,
        clock: { origin: started - 3 * 3600 },
        historyHours: 2,
        minSamples: 5,
      },
    },
  });
  if (!platform.observability) throw new Error('no observability peer');
  const prometheus = { url: platform.observability.prometheusUrl };
  const entities = new Map<string, Entity>();
  for (const e of [
    entity('checkout', 'checkout'),
    entity('storefront', 'storefront'),
    ...Array.from({ length: REFRESHES + 1 }, (_, i) =>
      entity(`viewers-${i}`, 'payments'),
    ),
  ]) {
    entities.set(`component:default/${e.metadata.name}`, e);
  }

  /** A Portico backend with the observability plugin, its cache keeping results `ttlSeconds`. */
  async function startPortico(ttlSeconds: number) {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const backend = createBackend();
    backend.add(
      mockServices.rootConfig.factory({
        data: {
          backend: {
            baseUrl,
            listen: { port, host: '127.0.0.1' },
            database: { client: 'better-sqlite3', connection: ':memory:' },
            auth: {
              externalAccess: [
                { type: 'static', options: { token: TOKEN, subject: 'bench' } },
              ],
            },
          },
          portico: {
            teamNamespaces: {
              source: 'static',
              static: { 'team-a': ['shop'] },
            },
          },
          observability: {
            prometheus: { url: prometheus.url, timeout: 10 },
            minRateWindowSeconds: RATE_WINDOW,
            cache: { ttlSeconds },
            rateLimit: { requestsPerMinute: 1_000_000, burst: 100_000 },
          },
        },
      }),
    );
    backend.add(
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () =>
          ({
            async getEntityByRef(ref: {
              kind: string;
              namespace: string;
              name: string;
            }) {
              return entities.get(
                `${ref.kind}:${ref.namespace}/${ref.name}`.toLowerCase(),
              );
            },
          } as any),
      }),
    );
    backend.add(observabilityPlugin);
    await backend.start();
    return { baseUrl, stop: () => backend.stop() };
  }

  const quiet = process.env.BENCH_DEBUG
    ? undefined
    : process.stdout.write.bind(process.stdout);
  if (quiet) {
    // the backend logs every request; keep the bench output readable
    process.stdout.write = ((chunk: any, ...rest: any[]) => {
      if (String(chunk).startsWith('BENCH '))
        return quiet(String(chunk).slice(6), ...rest);
      const cb = rest.find(r => typeof r === 'function');
      if (cb) cb();
      return true;
    }) as typeof process.stdout.write;
  }
  const out = (line: string) => process.stdout.write(`BENCH ${line}\n`);
  const cachedPortico = await startPortico(CACHED_TTL);
  const uncachedPortico = await startPortico(UNCACHED_TTL);

  const headers = { Authorization: `Bearer ${TOKEN}` };
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
  const time = async (fn: () => Promise<void>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };

  /** Direct, proxied (uncached) and cached timings of the CPU signal of one service. */
  async function measureService(app: string) {
    const queries = (['usage', 'requests', 'limits'] as const).map(series =>
      defaultQuery({
        signal: 'cpu',
        series,
        matchers: [
          { name: 'namespace', value: 'shop' },
          { name: 'app', value: app },
        ],
        windowSeconds: RATE_WINDOW,
      }),
    );
    /**
     * The CPU signal straight from Prometheus: its three queries, in parallel, as the backend
     * sends them, over the window the backend chooses for the preset (ending on the step).
     */
    const direct = async () => {
      const end = Math.floor(nowSeconds() / STEP) * STEP;
      await Promise.all(
        queries.map(async query => {
          const res = await requestJson(
            `${prometheus.url}/api/v1/query_range`,
            {
              method: 'POST',
              form: {
                query,
                start: String(end - RANGE_SECONDS),
                end: String(end),
                step: String(STEP),
                timeout: '10s',
              },
            },
          );
          if (res.status !== 200 || res.body.status !== 'success')
            throw new Error(`Prometheus answered ${res.status}`);
        }),
      );
    };
    /** The same through Portico (the backend chooses the window's end and step). */
    const proxy = async (portico: { baseUrl: string }) => {
      const res = await requestJson(
        `${portico.baseUrl}/api/observability/entities/component/default/${app}/metrics/cpu?range=${RANGE}`,
        { headers },
      );
      if (res.status !== 200)
        throw new Error(
          `proxy answered ${res.status}: ${JSON.stringify(res.body)}`,
        );
      // an empty answer (no-data, no-namespaces) would be cheaper than the direct path's work
      if (res.body.empty || !res.body.series?.length)
        throw new Error(`proxy answered no data: ${JSON.stringify(res.body)}`);
    };

    // warm up every path (JIT, connections)
    for (let i = 0; i < 30; i++) {
      await direct();
      await proxy(uncachedPortico);
      await proxy(cachedPortico);
    }
    // Uncached: the Portico whose cache keeps nothing (1 ms), alternating direct and proxy so
    // both see the same Prometheus state and read the same window (see the header).
    const directMs: number[] = [];
    const proxyMs: number[] = [];
    const queriesBefore = await prometheusQueryCount(prometheus.url);
    for (let i = 0; i < REQUESTS; i++) {
      directMs.push(await time(() => direct()));
      proxyMs.push(await time(() => proxy(uncachedPortico)));
    }
    const uncachedQueries =
      (await prometheusQueryCount(prometheus.url)) - queriesBefore;
    if (uncachedQueries < 2 * queries.length * REQUESTS)
      throw new Error(
        `the uncached phase sent ${uncachedQueries} queries to Prometheus, not ${
          2 * queries.length * REQUESTS
        }: some proxied requests were answered from the cache`,
      );
    // Cached: the same window again and again (viewers within one step; when the window moves on
    // to the next step, or the TTL ends, during the run, one request goes upstream, as it would
    // in production).
    const cachedMs: number[] = [];
    await proxy(cachedPortico);
    for (let i = 0; i < REQUESTS; i++)
      cachedMs.push(await time(() => proxy(cachedPortico)));
    const figures = (ms: number[]) => ({
      p50: round(percentile(ms, 50)),
      p99: round(percentile(ms, 99)),
    });
    const d = figures(directMs);
    const u = figures(proxyMs);
    const c = figures(cachedMs);
    return {
      direct_ms: d,
      proxy_uncached_ms: u,
      proxy_cached_ms: c,
      ratio: { p50: round(u.p50 / d.p50), p99: round(u.p99 / d.p99) },
      ratio_cached: { p50: round(c.p50 / d.p50), p99: round(c.p99 / d.p99) },
    };
  }

  const fleet = await measureService('storefront');
  const single = await measureService('checkout');

  // 50 viewers open the same service at the same moment, REFRESHES times (each refresh a new
  // window: it starts just after the next step boundary, so all 50 fall in one step, and well
  // within the cache TTL). Upstream queries counted by Prometheus itself.
  const perRefresh: number[] = [];
  for (let r = 0; r < REFRESHES; r++) {
    const nextStepMs = (Math.floor(Date.now() / 1000 / STEP) + 1) * STEP * 1000;
    await sleep(nextStepMs + 200 - Date.now());
    const before = await prometheusQueryCount(prometheus.url);
    const responses = await Promise.all(
      Array.from({ length: VIEWERS }, () =>
        fetch(
          `${cachedPortico.baseUrl}/api/observability/entities/component/default/viewers-${r}/metrics/requestRate?range=${RANGE}`,
          { headers },
        ),
      ),
    );
    if (responses.some(res => res.status !== 200))
      throw new Error('a viewer got an error');
    perRefresh.push((await prometheusQueryCount(prometheus.url)) - before);
  }
  const upstream = Math.max(...perRefresh);

  out(
    `Prometheus 2.42 (real), 2 h of history at a 15 s scrape interval; CPU signal = 3 range queries (range=${RANGE}, step ${STEP}s), ${REQUESTS} signals per path; uncached = cache.ttlSeconds ${UNCACHED_TTL}, cached = ${CACHED_TTL}`,
  );
  for (const [label, m] of [
    [`storefront, ${STOREFRONT.replicas} pods`, fleet],
    ['checkout, 1 pod', single],
  ] as const) {
    out(`${label}:`);
    out(
      `  direct Prometheus   p50 ${m.direct_ms.p50} ms  p99 ${m.direct_ms.p99} ms`,
    );
    out(
      `  proxy, uncached     p50 ${m.proxy_uncached_ms.p50} ms  p99 ${m.proxy_uncached_ms.p99} ms  -> ratio p50 ${m.ratio.p50}x, p99 ${m.ratio.p99}x (goal p50 <= 1.1x)`,
    );
    out(
      `  proxy, cached       p50 ${m.proxy_cached_ms.p50} ms  p99 ${m.proxy_cached_ms.p99} ms  -> ratio p50 ${m.ratio_cached.p50}x, p99 ${m.ratio_cached.p99}x`,
    );
  }
  out(
    `${VIEWERS} concurrent identical viewers, ${REFRESHES} refreshes: upstream queries per refresh ${perRefresh.join(
      ', ',
    )} (request rate = 1 query; goal 1)`,
  );
  out(
    JSON.stringify({
      ratio: fleet.ratio,
      ratio_cached: fleet.ratio_cached,
      direct_ms: fleet.direct_ms,
      proxy_uncached_ms: fleet.proxy_uncached_ms,
      proxy_cached_ms: fleet.proxy_cached_ms,
      pods: STOREFRONT.replicas,
      one_pod: single,
      upstream_queries_50_viewers: upstream,
      upstream_queries_per_refresh: perRefresh,
      requests: REQUESTS,
      range: RANGE,
    }),
  );
  await cachedPortico.stop();
  await uncachedPortico.stop();
  await platform.stop();
  process.exit(0);
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
