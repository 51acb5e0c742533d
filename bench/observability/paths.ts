/*
 * The three paths the bench compares for one service's CPU signal: straight from Prometheus,
 * through the uncached Portico and through the cached one (as the signed-in viewer). Each throws
 * on a non-2xx answer, a network error or an empty answer: a failed measured request.
 */
import { RANGE_STEPS, RANGES } from '@internal/plugin-observability-common';
import { defaultQuery } from '@internal/plugin-observability-backend/testUtils';
import { requestJson } from '../lib/httpJson';
import type { BenchPortico } from './portico';

/** The preset range both paths read; its step is the backend's. */
export const RANGE = '1h' as const;
export const STEP = RANGE_STEPS[RANGE];
const RANGE_SECONDS = RANGES[RANGE];

export type Path = 'direct' | 'uncached' | 'cached';
export const PATHS: readonly Path[] = ['direct', 'uncached', 'cached'];

/** A signal of an entity through a Portico, over the bench's preset range. */
export const signalUrl = (
  portico: BenchPortico,
  entity: string,
  signal: string,
) =>
  `${portico.baseUrl}/api/observability/entities/component/default/${entity}/metrics/${signal}?range=${RANGE}`;

export function servicePaths(options: {
  app: string;
  prometheusUrl: string;
  rateWindowSeconds: number;
  uncached: BenchPortico;
  cached: BenchPortico;
}): Record<Path, () => Promise<void>> {
  const { app, prometheusUrl } = options;
  const queries = (['usage', 'requests', 'limits'] as const).map(series =>
    defaultQuery({
      signal: 'cpu',
      series,
      matchers: [
        { name: 'namespace', value: 'shop' },
        { name: 'app', value: app },
      ],
      windowSeconds: options.rateWindowSeconds,
    }),
  );
  /**
   * The CPU signal straight from Prometheus: its three queries, in parallel, as the backend
   * sends them, over the window the backend chooses for the preset (ending on the last step
   * boundary, floor(now / step) * step, as the backend does).
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
      }),
    );
  };
  /** The same through Portico, as the signed-in viewer (the backend chooses the window). */
  const proxy = (portico: BenchPortico) => async () => {
    const res = await requestJson(signalUrl(portico, app, 'cpu'), {
      headers: { Authorization: `Bearer ${portico.token}` },
    });
    if (res.status !== 200)
      throw new Error(
        `proxy answered ${res.status}: ${JSON.stringify(res.body)}`,
      );
    // an empty answer (no-data, no-namespaces) would be cheaper than the direct path's work
    if (res.body.empty || !res.body.series?.length)
      throw new Error(`proxy answered no data: ${JSON.stringify(res.body)}`);
  };
  return {
    direct,
    uncached: proxy(options.uncached),
    cached: proxy(options.cached),
  };
}
