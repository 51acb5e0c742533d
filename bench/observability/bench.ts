/*
 * make bench NAME=observability — see run.sh. Everything runs in this process except Prometheus:
 * the exporter (Node http) and the real Prometheus 2.42 (child process, scrape every 1 s, with 2
 * hours of history backfilled at 15 s before it starts) are the local platform's observability
 * peer (@internal/local-platform, startLocalPlatform with peers ['observability'] and this bench's
 * workload as options.observability: its services, constant figures, 2 hours of history; its Loki
 * and Grafana stand-ins start too, unused). In front of it, two real Backstage backends
 * (portico.ts): the observability plugin, the real catalog plugin ingesting the bench's catalog
 * file (catalog.ts) and the real auth plugin, whose guest provider signs the viewer in as the
 * catalog User user:default/bench-viewer (member of team-a). Every proxied request carries that
 * signed-in user's token, and the plugin reads the entity from the catalog with it.
 *
 * Two services: `storefront` with 20 pods (the headline `ratio`: Prometheus sums 20 series per
 * query, as for a real production service) and `checkout` with one pod (`one_pod`: the smallest
 * query there is, where the proxy's fixed cost per request weighs most). The proxy's overhead is
 * the same for both (its answer has the same 3 series); only Prometheus' work differs.
 *
 * Fairness:
 * - Both paths read the same window: the `1h` preset, whose step (RANGE_STEPS, 15 s) and rate
 *   window (max(minRateWindowSeconds, step) = 60 s) the backend chooses; the direct path asks
 *   Prometheus for exactly that window, ending on the last step boundary
 *   (floor(now / step) * step), as the backend does.
 * - Uncached: a second Portico with `observability.cache.ttlSeconds: 0.001` (a result is kept
 *   1 ms): every proxied request goes to Prometheus, which the bench checks with Prometheus' own
 *   query counter (at least 3 queries per direct and per uncached request, else it fails).
 * - Cached and the 50 viewers: the production TTL (15 s) on the first Portico. Each viewer refresh
 *   waits for the next step boundary (15 s; the backend, not the client, moves the window on) and
 *   reads an entity no earlier refresh read, so it is a new window.
 * - Order: in each run, the direct, uncached and cached requests of a service (REQUESTS of each)
 *   are sent one at a time in a shuffled order, so drift in the machine's load or in Prometheus'
 *   state spreads over all three paths alike.
 * - Three runs (RUNS) on the same Prometheus and backends; each figure is reported as the median
 *   and range over the runs (a ratio is computed within its run). A run with any failed measured
 *   request (non-2xx, network error, an empty answer) fails the bench: no ratios are printed.
 * - `observability.rateLimit` far above what the bench sends: every request comes from one user,
 *   and a 429 would measure the limiter, not the proxy.
 */
import { startLocalPlatform } from '@internal/local-platform';
import {
  prometheusQueryCount,
  EXPORTED_SERVICES,
  type ExportedService,
} from '@internal/plugin-observability-backend/testUtils';
import { requestJson } from '../lib/httpJson';
import {
  PATHS,
  RANGE,
  servicePaths,
  signalUrl,
  STEP,
  type Path,
} from './paths';
import { component, VIEWER_REF, writeCatalog } from './catalog';
import { startPortico } from './portico';
import { figures, round, shuffle, spreadOf } from './stats';

const REQUESTS = Number(process.env.BENCH_OBS_REQUESTS ?? 300);
const RUNS = 3;
const VIEWERS = 50;
const REFRESHES = 5;
const RATE_WINDOW = 60;
/** The production cache TTL (the default): the cached requests and the viewers. */
const CACHED_TTL = 15;
/** A TTL that keeps nothing between two sequential requests: the uncached requests. */
const UNCACHED_TTL = 0.001;
/** A service the size production services often are: 20 pods behind one app label. */
const STOREFRONT: ExportedService = {
  ...EXPORTED_SERVICES.checkout,
  app: 'storefront',
  replicas: 20,
};
const SERVICES = [...Object.values(EXPORTED_SERVICES), STOREFRONT];
const viewerEntity = (run: number, refresh: number) =>
  `viewers-${run}-${refresh}`;

/** The failed measured requests of one run. */
class Failures {
  count = 0;
  readonly first: string[] = [];
  add(what: string, error: unknown) {
    this.count++;
    if (this.first.length < 5)
      this.first.push(`${what}: ${(error as Error)?.message ?? error}`);
  }
}

async function main() {
  // A service that has been running: the last 2 hours backfilled at a 15 s scrape interval
  // (Prometheus' usual), so the 1-hour range query reads a full hour of samples as it would in a
  // cluster. Counters started 3 hours ago, no wave (constant figures).
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
  const prometheusUrl = platform.observability.prometheusUrl;

  const components = [
    component('checkout', 'checkout'),
    component('storefront', 'storefront'),
    ...Array.from({ length: RUNS * REFRESHES }, (_, i) =>
      component(
        viewerEntity(Math.floor(i / REFRESHES), i % REFRESHES),
        'payments',
      ),
    ),
  ];
  const catalog = await writeCatalog(components);

  const quiet = process.env.BENCH_DEBUG
    ? undefined
    : process.stdout.write.bind(process.stdout);
  if (quiet) {
    // the backends log every request; keep the bench output readable
    process.stdout.write = ((chunk: any, ...rest: any[]) => {
      if (String(chunk).startsWith('BENCH '))
        return quiet(String(chunk).slice(6), ...rest);
      const cb = rest.find(r => typeof r === 'function');
      if (cb) cb();
      return true;
    }) as typeof process.stdout.write;
  }
  const out = (line: string) => process.stdout.write(`BENCH ${line}\n`);
  const porticoOptions = {
    prometheusUrl,
    catalogFile: catalog.file,
    entityRefs: components.map(e => `component:default/${e.metadata.name}`),
    rateWindowSeconds: RATE_WINDOW,
  };
  const cachedPortico = await startPortico({
    ...porticoOptions,
    ttlSeconds: CACHED_TTL,
  });
  const uncachedPortico = await startPortico({
    ...porticoOptions,
    ttlSeconds: UNCACHED_TTL,
  });
  const stopAll = async () => {
    await cachedPortico.stop();
    await uncachedPortico.stop();
    await platform.stop();
    await catalog.remove();
  };

  const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
  /** One run's direct, uncached and cached timings of one service, in shuffled order. */
  async function measureService(app: string, failures: Failures) {
    const paths = servicePaths({
      app,
      prometheusUrl,
      rateWindowSeconds: RATE_WINDOW,
      uncached: uncachedPortico,
      cached: cachedPortico,
    });
    // warm up every path (JIT, connections); a failure here is not measured: it stops the bench
    for (let i = 0; i < 30; i++)
      for (const path of PATHS) {
        await paths[path]().catch(error => {
          throw new Error(
            `a warm-up request (${app}, ${path}) failed: ${error?.message}`,
          );
        });
      }
    const ms: Record<Path, number[]> = { direct: [], uncached: [], cached: [] };
    const order = shuffle(
      PATHS.flatMap(path => Array<Path>(REQUESTS).fill(path)),
    );
    const queriesBefore = await prometheusQueryCount(prometheusUrl);
    for (const path of order) {
      const t = performance.now();
      try {
        await paths[path]();
        ms[path].push(performance.now() - t);
      } catch (error) {
        failures.add(`${app} ${path}`, error);
      }
    }
    // Each direct and each uncached request is 3 queries (the cached Portico's own misses, when
    // the window moves on, only add to the count): fewer means the 1 ms cache answered some.
    const upstream =
      (await prometheusQueryCount(prometheusUrl)) - queriesBefore;
    if (!failures.count && upstream < 2 * 3 * REQUESTS)
      throw new Error(
        `${app}: ${upstream} queries reached Prometheus, not at least ${
          2 * 3 * REQUESTS
        }: some uncached requests were answered from the cache`,
      );
    const d = figures(ms.direct);
    const u = figures(ms.uncached);
    const c = figures(ms.cached);
    return {
      direct_ms: d,
      proxy_uncached_ms: u,
      proxy_cached_ms: c,
      ratio: { p50: round(u.p50 / d.p50), p99: round(u.p99 / d.p99) },
      ratio_cached: { p50: round(c.p50 / d.p50), p99: round(c.p99 / d.p99) },
    };
  }

  /**
   * 50 viewers open the same service at the same moment, REFRESHES times (each refresh a new
   * window: it starts just after the next step boundary, so all 50 fall in one step, and well
   * within the cache TTL). Upstream queries counted by Prometheus itself.
   */
  async function viewers(run: number, failures: Failures) {
    const perRefresh: number[] = [];
    for (let r = 0; r < REFRESHES; r++) {
      const nextStepMs =
        (Math.floor(Date.now() / 1000 / STEP) + 1) * STEP * 1000;
      await sleep(nextStepMs + 200 - Date.now());
      const before = await prometheusQueryCount(prometheusUrl);
      const url = signalUrl(cachedPortico, viewerEntity(run, r), 'requestRate');
      await Promise.all(
        Array.from({ length: VIEWERS }, async () => {
          try {
            const res = await requestJson(url, {
              headers: { Authorization: `Bearer ${cachedPortico.token}` },
            });
            if (res.status !== 200)
              throw new Error(
                `answered ${res.status}: ${JSON.stringify(res.body)}`,
              );
          } catch (error) {
            failures.add(`viewer of ${viewerEntity(run, r)}`, error);
          }
        }),
      );
      perRefresh.push((await prometheusQueryCount(prometheusUrl)) - before);
    }
    return perRefresh;
  }

  out(
    `Prometheus 2.42 (real), 2 h of history at a 15 s scrape interval; CPU signal = 3 range queries (range=${RANGE}, step ${STEP}s); ${RUNS} runs of ${REQUESTS} signals per path, direct/uncached/cached shuffled; uncached = cache.ttlSeconds ${UNCACHED_TTL}, cached = ${CACHED_TTL}; real catalog, signed in as ${
      cachedPortico.identity.userEntityRef
    } (${cachedPortico.identity.ownershipEntityRefs.join(', ')})`,
  );
  const fleetRuns = [];
  const singleRuns = [];
  const refreshRuns: number[][] = [];
  for (let run = 0; run < RUNS; run++) {
    const failures = new Failures();
    const fleet = await measureService('storefront', failures);
    const single = await measureService('checkout', failures);
    const perRefresh = await viewers(run, failures);
    if (failures.count) {
      process.stderr.write(
        `bench/observability FAILED: run ${run + 1} of ${RUNS} had ${
          failures.count
        } failed measured requests, so no ratios are reported. First:\n  ${failures.first.join(
          '\n  ',
        )}\n`,
      );
      await stopAll();
      process.exit(1);
    }
    for (const [label, m] of [
      [`storefront, ${STOREFRONT.replicas} pods`, fleet],
      ['checkout, 1 pod', single],
    ] as const) {
      out(
        `run ${run + 1} ${label}: direct p50 ${m.direct_ms.p50} / p99 ${
          m.direct_ms.p99
        } ms; uncached ${m.proxy_uncached_ms.p50} / ${
          m.proxy_uncached_ms.p99
        } ms (ratio ${m.ratio.p50}x / ${m.ratio.p99}x); cached ${
          m.proxy_cached_ms.p50
        } / ${m.proxy_cached_ms.p99} ms (ratio ${m.ratio_cached.p50}x / ${
          m.ratio_cached.p99
        }x)`,
      );
    }
    out(
      `run ${
        run + 1
      }: ${VIEWERS} concurrent identical viewers, ${REFRESHES} refreshes: upstream queries per refresh ${perRefresh.join(
        ', ',
      )} (request rate = 1 query; goal 1)`,
    );
    fleetRuns.push(fleet);
    singleRuns.push(single);
    refreshRuns.push(perRefresh);
  }

  const fleet = spreadOf(fleetRuns);
  const single = spreadOf(singleRuns);
  out(
    `median [min-max] over ${RUNS} runs: storefront ratio p50 ${fleet.ratio.p50.median}x [${fleet.ratio.p50.min}-${fleet.ratio.p50.max}], p99 ${fleet.ratio.p99.median}x [${fleet.ratio.p99.min}-${fleet.ratio.p99.max}]; checkout ratio p50 ${single.ratio.p50.median}x [${single.ratio.p50.min}-${single.ratio.p50.max}] (goal p50 <= 1.1x)`,
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
      upstream_queries_50_viewers: Math.max(...refreshRuns.flat()),
      upstream_queries_per_refresh: refreshRuns,
      runs: RUNS,
      requests: REQUESTS,
      range: RANGE,
      order: 'shuffled',
      caller: VIEWER_REF,
      errors: 0,
    }),
  );
  await stopAll();
  process.exit(0);
}

main().catch(error => {
  process.stderr.write(
    `bench/observability FAILED: ${
      (process.env.BENCH_DEBUG && error?.stack) || error?.message || error
    }\n`,
  );
  process.exit(1);
});
