import type { Entity } from '@backstage/catalog-model';
import type { SignalResponse } from '@internal/plugin-observability-common';
import type { JsonObject } from '@backstage/types';
import { backfillHistory } from './backfill';
import { EXPORTED_SERVICES } from './exporterServices';
import { withFrozenDate } from './frozenDate';
import { startMetricsExporter } from './startMetricsExporter';
import { startObservabilityBackend } from './startObservabilityBackend';
import { type RunningPrometheus, startPrometheus } from './startPrometheus';

/** The observability settings of the backend in front of the history's Prometheus. */
export function historyConfig(prometheusUrl: string): JsonObject {
  return {
    prometheus: { url: prometheusUrl, timeout: 5 },
    limits: { minStepSeconds: 1 },
    // rates over a few scrapes (the 15m preset's rate window is then its 15 s step)
    minRateWindowSeconds: 5,
    cache: { ttlSeconds: 1 },
  };
}

/**
 * The real Prometheus with services that have been running, and the observability backend in
 * front of it: 5 minutes of history at the scrape interval (1 s) before Prometheus starts,
 * continued by live scrapes after a gap of a few seconds (the import and Prometheus starting).
 * `read` asks at `historyAt`, a moment of that history (Date stopped there), so every window the
 * tests use (the 15m preset's step and rate window of 15 s, the overview card's 60 s, the cost's
 * 5 s) is whole, wherever the wall clock's step boundaries and the gap happen to fall.
 */
export async function startHistoryBackend(options: {
  entities: Entity[];
  teamNamespaces: Record<string, string[]>;
  /** Added to {@link historyConfig}. */
  observability?: JsonObject;
}) {
  const started = Math.floor(Date.now() / 1000);
  const historyAt = started - 30;
  const clock = { origin: started - 3600 };
  const exporter = await startMetricsExporter(undefined, 0, clock);
  let prometheus: RunningPrometheus | undefined;
  try {
    prometheus = await startPrometheus({
      targets: [`127.0.0.1:${exporter.port}`],
      beforeStart: dataDir =>
        backfillHistory({
          services: Object.values(EXPORTED_SERVICES),
          clock,
          from: started - 300,
          to: started - 1,
          steps: [[Infinity, 1]],
          dataDir,
        }),
    });
    const api = await startObservabilityBackend({
      config: {
        observability: {
          ...historyConfig(prometheus.url),
          ...options.observability,
        },
      },
      entities: options.entities,
      teamNamespaces: options.teamNamespaces,
    });
    const running = prometheus;
    return {
      api,
      prometheus: running,
      historyAt,
      /** `path` read at {@link historyAt}. */
      read: (path: string) =>
        withFrozenDate(() => api.get(path), historyAt * 1000),
      stop: async () => {
        await api.stop();
        await running.stop();
        await exporter.stop();
      },
    };
  } catch (error) {
    await prometheus?.stop();
    await exporter.stop();
    throw error;
  }
}

/** What {@link startHistoryBackend} resolves to. */
export type HistoryBackend = Awaited<ReturnType<typeof startHistoryBackend>>;

/** The latest value of one series of a signal (throws naming it when the series is missing). */
export function lastValue(response: SignalResponse, name: string): number {
  const series = response.series.find(s => s.name === name);
  if (!series)
    throw new Error(`no series ${name} in ${JSON.stringify(response)}`);
  const values = series.points
    .map(p => p[1])
    .filter((v): v is number => v !== null);
  return values[values.length - 1];
}
