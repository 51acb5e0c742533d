import {
  type MetricSeries,
  type Signal,
  SIGNAL_SERIES,
  SIGNAL_UNITS,
  type SignalResponse,
  type SummaryResponse,
  SIGNALS,
  type TimeWindow,
} from '@internal/plugin-observability-common';
import type { LabelSelector } from '../query/LabelSelector';
import type {
  PrometheusClient,
  PromSeries,
} from '../upstream/PrometheusClient';
import type { ResolvedEntity } from './EntityScopes';
import type { Upstreams } from './Upstreams';

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** The charts of an entity: each signal's series over a window, and the overview's summary. */
export class MetricsService {
  constructor(private readonly upstreams: Upstreams) {}

  private rangeSeries(
    prometheus: PrometheusClient,
    signal: Signal,
    series: string,
    selector: LabelSelector,
    window: TimeWindow,
  ): Promise<PromSeries[]> {
    const query = this.upstreams.promQuery(
      signal,
      series,
      selector,
      Math.max(this.upstreams.config.minRateWindowSeconds, window.step),
    );
    return this.upstreams.cached(
      `range\n${query}\n${window.start}\n${window.end}\n${window.step}`,
      () => prometheus.queryRange(query, window, { signal, series }),
    );
  }

  /** The series of one signal over the window. */
  async signal(
    resolved: ResolvedEntity,
    signal: Signal,
    window: TimeWindow,
  ): Promise<SignalResponse> {
    const base = {
      signal,
      unit: SIGNAL_UNITS[signal],
      window: { start: window.start, end: window.end, step: window.step },
    };
    const { prometheus } = this.upstreams.clients;
    if (!prometheus) {
      return { ...base, series: [], empty: 'not-configured' };
    }
    const selector = resolved.selector;
    if (!selector) {
      return { ...base, series: [], empty: 'no-namespaces' };
    }
    const names = SIGNAL_SERIES[signal] as readonly string[];
    const results = await Promise.all(
      names.map(name =>
        this.rangeSeries(prometheus, signal, name, selector, window),
      ),
    );
    const series: MetricSeries[] = [];
    results.forEach((result, i) => {
      for (const r of result) {
        const labels = Object.entries(r.metric)
          .map(([k, v]) => `${k}=${v}`)
          .join(',');
        series.push({
          name:
            result.length > 1 && labels ? `${names[i]} {${labels}}` : names[i],
          points: r.points.map(([t, v]) => [t, finite(v)]),
        });
      }
    });
    const withData = series.filter(s => s.points.some(([, v]) => v !== null));
    return withData.length
      ? { ...base, series: withData }
      : { ...base, series: [], empty: 'no-data' };
  }

  /** Current values and 1-hour sparklines of every signal, for the overview card. */
  async summary(
    resolved: ResolvedEntity,
    window: TimeWindow,
  ): Promise<SummaryResponse> {
    if (!this.upstreams.clients.prometheus) {
      return { window, signals: [], empty: 'not-configured' };
    }
    if (!resolved.selector) {
      return { window, signals: [], empty: 'no-namespaces' };
    }
    const signals = await Promise.all(
      SIGNALS.map(async signal => {
        const response = await this.signal(resolved, signal, window);
        return {
          signal,
          unit: response.unit,
          series: response.series.map(s => {
            const values = s.points
              .map(([, v]) => v)
              .filter((v): v is number => v !== null);
            const last = s.points[s.points.length - 1];
            return {
              name: s.name,
              // a value older than two steps is not "current"
              current:
                last && last[0] >= window.end - 2 * window.step
                  ? last[1]
                  : null,
              sparkline: values,
            };
          }),
          ...(response.empty ? { empty: response.empty } : {}),
        };
      }),
    );
    const anyData = signals.some(s => !s.empty);
    return { window, signals, ...(anyData ? {} : { empty: 'no-data' }) };
  }
}
