/*
 * make bench NAME=observability — see run.sh. Everything runs in this process except Prometheus:
 * the exporter (Node http) and the real Prometheus 2.42 (child process, scrape every 1 s, with 2
 * hours of history backfilled at 15 s before it starts) are the local platform's observability
 * peer (@internal/local-platform, startLocalPlatform with peers ['observability'] and this bench's
 * workload as options.observability: its services, constant figures, 2 hours of history; its Loki
 * and Grafana stand-ins start too, unused). In front of it, two real Backstage backends
 * (portico.ts): the observability plugin, the real catalog plugin ingesting the bench's catalog
 * file (catalog.ts), the permission backend with Portico's policy and the real auth plugin, whose
 * guest provider signs the viewer in as the catalog User user:default/bench-viewer (member of
 * team-a). Every proxied request carries that signed-in user's token, and the plugin reads the
 * entity from the catalog with it.
 *
 * What is measured: the Observability tab's time until all its signals are in (every signal of
 * SIGNALS over the 1h preset: 12 range queries).
 * - `ours`: the tab's one request through Portico, as the browser sends it (GET .../metrics?
 *   signals=...&range=1h, the user's token, gzip accepted), on the uncached Portico.
 * - `direct`: the same 12 queries sent to Prometheus directly, all in parallel from the same
 *   client; done when the slowest is in.
 * - `ours_cached`: the tab through the cached Portico (production TTL, 15 s).
 * - `floor`: the tab's request for an entity whose team holds no namespaces: the route's fixed
 *   cost (token check, catalog read with the user's credentials and its permission check, scope
 *   resolution, the answer) without any query. `ours` is at best about direct + floor.
 * Two services: `storefront` with 20 pods (the headline: Prometheus sums 20 series per query, as
 * for a real production service) and `checkout` with one pod (`one_pod`: the smallest queries,
 * where the fixed cost weighs most).
 *
 * Fairness:
 * - Every path reads the same window: the `1h` preset, whose step (RANGE_STEPS, 15 s) and rate
 *   window (max(minRateWindowSeconds, step) = 60 s) the backend chooses; the direct path asks
 *   Prometheus for exactly that window, ending on the last step boundary, as the backend does.
 * - Uncached: the second Portico keeps a result 1 ms (`observability.cache.ttlSeconds: 0.001`):
 *   every tab goes to Prometheus, which the bench checks with Prometheus' own query counter.
 * - Order: in each run, the requests of every path of a service (REQUESTS of each) are sent one
 *   at a time in a shuffled order, so drift in the machine's load spreads over all paths alike.
 * - Three runs on the same Prometheus and backends; each figure is the median and range over the
 *   runs (a ratio is computed within its run). A run with any failed measured request (non-2xx,
 *   network error, a signal without data) fails the bench: no ratios are printed.
 * - 50 viewers: the cached Portico; each refresh waits for the next step boundary (a new window)
 *   and 50 viewers open the tab at once; Prometheus counts the queries.
 * - `observability.rateLimit` far above what the bench sends (one user sends every request).
 */
import { startLocalPlatform } from '@internal/local-platform';
import {
  EXPORTED_SERVICES,
  type ExportedService,
} from '@internal/plugin-observability-backend/testUtils';
import {
  component,
  TEAM_WITHOUT_NAMESPACES,
  VIEWER_REF,
  writeCatalog,
} from './catalog';
import { Failures, measureService, viewers } from './measure';
import { RANGE, STEP, TAB_QUERIES } from './paths';
import { startPortico } from './portico';
import { round, spreadOf } from './stats';

const QUICK = Boolean(process.env.BENCH_OBS_QUICK);
const REQUESTS = Number(process.env.BENCH_OBS_REQUESTS ?? (QUICK ? 30 : 200));
const RUNS = QUICK ? 1 : 3;
const VIEWERS = 50;
const REFRESHES = QUICK ? 2 : 5;
const RATE_WINDOW = 60;
const GOAL_RATIO = 1.1;
/** The production cache TTL (the default): the cached tabs and the viewers. */
const CACHED_TTL = 15;
/** A TTL that keeps nothing between two sequential requests: the uncached tabs. */
const UNCACHED_TTL = 0.001;
/** A service the size production services often are: 20 pods behind one app label. */
const STOREFRONT: ExportedService = {
  ...EXPORTED_SERVICES.checkout,
  app: 'storefront',
  replicas: 20,
};
const SERVICES = [...Object.values(EXPORTED_SERVICES), STOREFRONT];
const FLOOR_ENTITY = 'no-namespaces';
const viewerEntity = (run: number, refresh: number) =>
  `viewers-${run}-${refresh}`;

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
    component(FLOOR_ENTITY, 'storefront', TEAM_WITHOUT_NAMESPACES),
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
  const cached = await startPortico({
    ...porticoOptions,
    ttlSeconds: CACHED_TTL,
  });
  const uncached = await startPortico({
    ...porticoOptions,
    ttlSeconds: UNCACHED_TTL,
  });
  const stopAll = async () => {
    await cached.stop();
    await uncached.stop();
    await platform.stop();
    await catalog.remove();
  };
  const setup = {
    prometheusUrl,
    rateWindowSeconds: RATE_WINDOW,
    uncached,
    cached,
    floorEntity: FLOOR_ENTITY,
    requests: REQUESTS,
  };

  out(
    `Prometheus 2.42 (real), 2 h of history at a 15 s scrape interval; the tab = ${
      TAB_QUERIES.length
    } range queries (range=${RANGE}, step ${STEP}s); ${RUNS} run(s) of ${REQUESTS} tabs per path, paths shuffled; ours = one request through Portico (cache.ttlSeconds ${UNCACHED_TTL}), cached = TTL ${CACHED_TTL}; direct = the same queries in parallel to Prometheus; real catalog, signed in as ${
      cached.identity.userEntityRef
    } (${cached.identity.ownershipEntityRefs.join(', ')})${
      QUICK ? '; QUICK' : ''
    }`,
  );
  const fleetRuns = [];
  const singleRuns = [];
  const refreshRuns: number[][] = [];
  for (let run = 0; run < RUNS; run++) {
    const failures = new Failures();
    const fleet = await measureService(setup, 'storefront', failures);
    const single = await measureService(setup, 'checkout', failures);
    const perRefresh = await viewers(
      setup,
      r => viewerEntity(run, r),
      { viewers: VIEWERS, refreshes: REFRESHES },
      failures,
    );
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
        `run ${
          run + 1
        } ${label}: tab until all signals in, p50 / p99 ms: ours ${
          m.ours_ms.p50
        } / ${m.ours_ms.p99}; direct ${m.direct_ms.p50} / ${
          m.direct_ms.p99
        } (ratio ${m.ratio.p50}x / ${m.ratio.p99}x); cached ${
          m.ours_cached_ms.p50
        } / ${m.ours_cached_ms.p99}; floor ${m.floor_ms.p50} / ${
          m.floor_ms.p99
        }`,
      );
    }
    out(
      `run ${
        run + 1
      }: ${VIEWERS} identical viewers open the tab, ${REFRESHES} refreshes: upstream queries per refresh ${perRefresh.join(
        ', ',
      )} (${TAB_QUERIES.length} queries in the tab; goal ${
        TAB_QUERIES.length
      }: one per query)`,
    );
    fleetRuns.push(fleet);
    singleRuns.push(single);
    refreshRuns.push(perRefresh);
  }

  const fleet = spreadOf(fleetRuns);
  const single = spreadOf(singleRuns);
  const perQuery = round(Math.max(...refreshRuns.flat()) / TAB_QUERIES.length);
  out(
    `median [min-max] over ${RUNS} run(s): storefront ratio p50 ${fleet.ratio.p50.median}x [${fleet.ratio.p50.min}-${fleet.ratio.p50.max}], p99 ${fleet.ratio.p99.median}x; checkout ratio p50 ${single.ratio.p50.median}x [${single.ratio.p50.min}-${single.ratio.p50.max}] (goal <= ${GOAL_RATIO}x); 50 viewers: ${perQuery} upstream queries per query (goal 1)`,
  );
  out(
    JSON.stringify({
      ours: fleet.ours_ms,
      direct: fleet.direct_ms,
      floor: fleet.floor_ms,
      ours_cached: fleet.ours_cached_ms,
      ratio: fleet.ratio,
      ratio_cached: fleet.ratio_cached,
      pods: STOREFRONT.replicas,
      one_pod: single,
      queries_per_tab: TAB_QUERIES.length,
      upstream_queries_per_query_50_viewers: perQuery,
      upstream_queries_per_refresh: refreshRuns,
      goals: {
        tab_ratio_p50: {
          goal: GOAL_RATIO,
          value: fleet.ratio.p50.median,
          met: fleet.ratio.p50.median <= GOAL_RATIO,
        },
        one_pod_tab_ratio_p50: {
          goal: GOAL_RATIO,
          value: single.ratio.p50.median,
          met: single.ratio.p50.median <= GOAL_RATIO,
        },
        upstream_queries_per_query_50_viewers: {
          goal: 1,
          value: perQuery,
          met: perQuery <= 1,
        },
      },
      runs: RUNS,
      requests: REQUESTS,
      range: RANGE,
      order: 'shuffled',
      caller: VIEWER_REF,
      quick: QUICK,
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
