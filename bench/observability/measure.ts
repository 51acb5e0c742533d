/*
 * One run's measurements: a service's tab through every path in a shuffled order, and 50
 * identical viewers opening the tab at once (upstream queries counted by Prometheus itself).
 */
import { prometheusQueryCount } from '@internal/plugin-observability-backend/testUtils';
import {
  PATHS,
  readTab,
  servicePaths,
  STEP,
  TAB_QUERIES,
  type Path,
} from './paths';
import type { BenchPortico } from './portico';
import { figures, round, shuffle } from './stats';

/** The failed measured requests of one run. */
export class Failures {
  count = 0;
  readonly first: string[] = [];
  add(what: string, error: unknown) {
    this.count++;
    if (this.first.length < 5)
      this.first.push(`${what}: ${(error as Error)?.message ?? error}`);
  }
}

export interface MeasureSetup {
  prometheusUrl: string;
  rateWindowSeconds: number;
  uncached: BenchPortico;
  cached: BenchPortico;
  floorEntity: string;
  requests: number;
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** One run's timings of one service's tab through every path, in shuffled order. */
export async function measureService(
  setup: MeasureSetup,
  app: string,
  failures: Failures,
) {
  const paths = servicePaths({ ...setup, app });
  // warm up every path (JIT, connections); a failure here is not measured: it stops the bench
  for (let i = 0; i < 20; i++)
    for (const path of PATHS) {
      await paths[path]().catch(error => {
        throw new Error(
          `a warm-up request (${app}, ${path}) failed: ${error?.message}`,
        );
      });
    }
  const ms: Record<Path, number[]> = {
    direct: [],
    ours: [],
    ours_cached: [],
    floor: [],
  };
  const order = shuffle(
    PATHS.flatMap(path => Array<Path>(setup.requests).fill(path)),
  );
  const queriesBefore = await prometheusQueryCount(setup.prometheusUrl);
  for (const path of order) {
    const t = performance.now();
    try {
      await paths[path]();
      ms[path].push(performance.now() - t);
    } catch (error) {
      failures.add(`${app} ${path}`, error);
    }
  }
  // Each direct and each uncached tab is every query of the tab (the cached Portico's own misses,
  // when the window moves on, only add to the count): fewer means the 1 ms cache answered some.
  const upstream =
    (await prometheusQueryCount(setup.prometheusUrl)) - queriesBefore;
  const least = 2 * TAB_QUERIES.length * setup.requests;
  if (!failures.count && upstream < least)
    throw new Error(
      `${app}: ${upstream} queries reached Prometheus, not at least ${least}: some uncached tabs were answered from the cache`,
    );
  const direct = figures(ms.direct);
  const ours = figures(ms.ours);
  const cached = figures(ms.ours_cached);
  const floor = figures(ms.floor);
  return {
    ours_ms: ours,
    direct_ms: direct,
    ours_cached_ms: cached,
    floor_ms: floor,
    ratio: {
      p50: round(ours.p50 / direct.p50),
      p99: round(ours.p99 / direct.p99),
    },
    ratio_cached: {
      p50: round(cached.p50 / direct.p50),
      p99: round(cached.p99 / direct.p99),
    },
  };
}

/**
 * 50 viewers open the same service's tab at the same moment (one request each, as the browser
 * sends it), `refreshes` times, each refresh a new window (it starts just after the next step
 * boundary, so all 50 fall in one step, well within the cache TTL). Returns the upstream queries
 * of each refresh.
 */
export async function viewers(
  setup: MeasureSetup,
  entityOf: (refresh: number) => string,
  options: { viewers: number; refreshes: number },
  failures: Failures,
): Promise<number[]> {
  const perRefresh: number[] = [];
  for (let r = 0; r < options.refreshes; r++) {
    const nextStepMs = (Math.floor(Date.now() / 1000 / STEP) + 1) * STEP * 1000;
    await sleep(nextStepMs + 200 - Date.now());
    const before = await prometheusQueryCount(setup.prometheusUrl);
    await Promise.all(
      Array.from({ length: options.viewers }, () =>
        readTab(setup.cached, entityOf(r)).catch(error =>
          failures.add(`viewer of ${entityOf(r)}`, error),
        ),
      ),
    );
    perRefresh.push((await prometheusQueryCount(setup.prometheusUrl)) - before);
  }
  return perRefresh;
}
