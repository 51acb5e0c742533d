import {
  type MetricSeries,
  type MetricsResponse,
  type Signal,
  SIGNAL_SERIES,
  SIGNAL_UNITS,
  type SignalResponse,
  type SummaryResponse,
  SIGNALS,
  type TimeWindow,
} from '@internal/plugin-observability-common';
import { UpstreamError } from '@internal/plugin-portico-node';
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

/**
 * The charts of an entity: the asked signals' series over a window, and the overview's summary.
 * Every series is one query through the shared cache, so identical viewers share each query.
 */
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

  /** The series of one signal over the window (its series' queries in parallel). */
  private async signal(
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

  /**
   * The series of each signal over one window, every query of every signal in parallel, in the
   * order asked. A signal whose queries failed upstream carries its failure (`error`) while the
   * others are answered; when every signal failed, the request fails as the first did (502/504),
   * and anything but an upstream failure fails it too.
   */
  async signals(
    resolved: ResolvedEntity,
    signals: readonly Signal[],
    window: TimeWindow,
  ): Promise<MetricsResponse> {
    const w = { start: window.start, end: window.end, step: window.step };
    const settled = await Promise.allSettled(
      signals.map(signal => this.signal(resolved, signal, w)),
    );
    const failures = settled.flatMap(r =>
      r.status === 'rejected' ? [r.reason as unknown] : [],
    );
    const fatal = failures.find(e => !(e instanceof UpstreamError));
    if (fatal || (failures.length && failures.length === settled.length)) {
      throw fatal ?? failures[0];
    }
    const answers = settled.map((r, i): SignalResponse => {
      if (r.status === 'fulfilled') return r.value;
      const error = r.reason as UpstreamError;
      return {
        signal: signals[i],
        unit: SIGNAL_UNITS[signals[i]],
        window: w,
        series: [],
        error: {
          name: error.name,
          message: error.message,
          statusCode: error.statusCode,
        },
      };
    });
    const empties = answers.map(a => a.empty);
    const empty = empties.every(e => e)
      ? empties.find(e => e !== 'no-data') ?? 'no-data'
      : undefined;
    return { window: w, signals: answers, ...(empty ? { empty } : {}) };
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
    const batch = await this.signals(resolved, SIGNALS, window);
    const signals = batch.signals.map(response => {
      const signal = response.signal;
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
              last && last[0] >= window.end - 2 * window.step ? last[1] : null,
            sparkline: values,
          };
        }),
        ...(response.empty ? { empty: response.empty } : {}),
        ...(response.error ? { error: response.error } : {}),
      };
    });
    const anyData = signals.some(s => !s.empty);
    return { window, signals, ...(anyData ? {} : { empty: 'no-data' }) };
  }
}
