/*
 * The paths the bench compares for one service's Observability tab (all of its signals over the
 * 1h preset): straight from Prometheus (every query of the tab in parallel, done when the slowest
 * is in), through Portico as the browser asks (one request for every signal) uncached and cached,
 * and the route's floor. Each throws on a non-2xx answer, a network error or an answer without
 * the data it should have: a failed measured request.
 */
import {
  RANGE_STEPS,
  RANGES,
  SIGNAL_SERIES,
  SIGNALS,
} from '@internal/plugin-observability-common';
import { defaultQuery } from '@internal/plugin-observability-backend/testUtils';
import { requestJson } from '../lib/httpJson';
import type { BenchPortico } from './portico';

/** The preset range every path reads; its step is the backend's. */
export const RANGE = '1h' as const;
export const STEP = RANGE_STEPS[RANGE];
const RANGE_SECONDS = RANGES[RANGE];

/** Every query the tab's request runs: one per series of each signal (12). */
export const TAB_QUERIES = SIGNALS.flatMap(signal =>
  SIGNAL_SERIES[signal].map(series => ({ signal, series })),
);

export type Path = 'direct' | 'ours' | 'ours_cached' | 'floor';
export const PATHS: readonly Path[] = [
  'direct',
  'ours',
  'ours_cached',
  'floor',
];

/** The tab's one request for an entity through a Portico, as the browser sends it. */
export const tabUrl = (portico: BenchPortico, entity: string) =>
  `${
    portico.baseUrl
  }/api/observability/entities/component/default/${entity}/metrics?${new URLSearchParams(
    { signals: SIGNALS.join(','), range: RANGE },
  )}`;

/** The tab's request as the signed-in viewer; throws unless every signal has series. */
export async function readTab(
  portico: BenchPortico,
  entity: string,
  expect: 'data' | 'no-namespaces' = 'data',
) {
  const res = await requestJson(tabUrl(portico, entity), {
    headers: { Authorization: `Bearer ${portico.token}` },
  });
  if (res.status !== 200)
    throw new Error(
      `Portico answered ${res.status}: ${JSON.stringify(res.body)}`,
    );
  const signals: Array<{ signal: string; series: unknown[]; error?: unknown }> =
    res.body.signals ?? [];
  if (expect === 'no-namespaces') {
    if (res.body.empty !== 'no-namespaces')
      throw new Error(`expected no-namespaces: ${JSON.stringify(res.body)}`);
    return;
  }
  // an empty or failed signal would be cheaper than the direct path's work
  const missing = SIGNALS.filter(
    s => !signals.find(a => a.signal === s && a.series.length && !a.error),
  );
  if (missing.length)
    throw new Error(
      `Portico answered no data for ${missing.join(', ')}: ${JSON.stringify(
        res.body,
      ).slice(0, 300)}`,
    );
}

export function servicePaths(options: {
  app: string;
  prometheusUrl: string;
  rateWindowSeconds: number;
  uncached: BenchPortico;
  cached: BenchPortico;
  /** An entity whose team holds no namespaces: the route's work without a query. */
  floorEntity: string;
}): Record<Path, () => Promise<void>> {
  const { app, prometheusUrl } = options;
  const queries = TAB_QUERIES.map(({ signal, series }) =>
    defaultQuery({
      signal,
      series,
      matchers: [
        { name: 'namespace', value: 'shop' },
        { name: 'app', value: app },
      ],
      windowSeconds: Math.max(options.rateWindowSeconds, STEP),
    }),
  );
  /**
   * The tab straight from Prometheus: its queries, all in parallel from this client as the
   * backend sends them, over the window the backend chooses for the preset (ending on the last
   * step boundary, floor(now / step) * step); done when the slowest is in.
   */
  const direct = async () => {
    const end = Math.floor(Date.now() / 1000 / STEP) * STEP;
    await Promise.all(
      queries.map(async query => {
        const res = await requestJson(`${prometheusUrl}/api/v1/query_range`, {
          method: 'POST',
          form: {
            query,
            start: String(end - RANGE_SECONDS),
            end: String(end),
            step: String(STEP),
            timeout: '10s',
          },
        });
        if (res.status !== 200 || res.body.status !== 'success')
          throw new Error(`Prometheus answered ${res.status}`);
        if (!res.body.data.result.length)
          throw new Error(`Prometheus answered no series for ${query}`);
      }),
    );
  };
  return {
    direct,
    ours: () => readTab(options.uncached, app),
    ours_cached: () => readTab(options.cached, app),
    floor: () =>
      readTab(options.uncached, options.floorEntity, 'no-namespaces'),
  };
}
