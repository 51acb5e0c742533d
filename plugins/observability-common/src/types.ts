import type { LogLevel, Signal, SignalUnit } from './signals';

/**
 * Why a signal or panel has nothing to show: `not-configured` (the platform has not set up
 * Prometheus, Loki or Grafana), `no-namespaces` (the service's owning team holds no namespaces on
 * the platform yet, so there is nothing it may read), `no-data` (configured, but the service has
 * no samples yet).
 */
export type EmptyReason = 'not-configured' | 'no-namespaces' | 'no-data';

/** One line of a chart: `[unix seconds, value]`, value `null` where Prometheus had no sample. */
export interface MetricSeries {
  name: string;
  points: Array<[number, number | null]>;
}

/** The time window a response covers (unix seconds) and the step between points. */
export interface TimeWindow {
  start: number;
  end: number;
  step: number;
}

/**
 * Why one signal of a batched answer has no series: its queries failed upstream. The fields are
 * those of the error answer the request would have had alone (Backstage's error name and message,
 * its HTTP status: 502 unreachable or refusing, 504 too slow), naming the signal, never a query.
 */
export interface SignalFailure {
  name: string;
  message: string;
  statusCode: number;
}

/** One signal of a {@link MetricsResponse}: its series over the window. */
export interface SignalResponse {
  signal: Signal;
  unit: SignalUnit;
  window: TimeWindow;
  /** Series with at least one sample; empty when `empty` or `error` is set. */
  series: MetricSeries[];
  empty?: EmptyReason;
  /** Its queries failed while other signals of the same request were answered. */
  error?: SignalFailure;
}

/**
 * `GET /entities/:kind/:namespace/:name/metrics?signals=cpu,memory,...&range=1h`: every asked
 * signal over one window, in the order asked. A request whose every signal failed upstream is
 * answered with that failure (502/504) instead; `empty` is set when no signal has data.
 */
export interface MetricsResponse {
  window: TimeWindow;
  signals: SignalResponse[];
  empty?: EmptyReason;
}

/** The current value of a series and a sparkline for the overview card. */
export interface SummarySeries {
  name: string;
  current: number | null;
  sparkline: number[];
}

/** `GET /entities/:kind/:namespace/:name/summary` */
export interface SummaryResponse {
  window: TimeWindow;
  signals: Array<{
    signal: Signal;
    unit: SignalUnit;
    series: SummarySeries[];
    empty?: EmptyReason;
    error?: SignalFailure;
  }>;
  empty?: EmptyReason;
}

/** One log line. */
export interface LogLine {
  /** ISO 8601. */
  timestamp: string;
  level?: LogLevel | string;
  line: string;
}

/** `GET /entities/:kind/:namespace/:name/logs` */
export interface LogsResponse {
  window: TimeWindow;
  lines: LogLine[];
  /** True when `limit` lines were returned and there may be more. */
  truncated: boolean;
  empty?: EmptyReason;
}

/** A Grafana panel to embed. */
export interface GrafanaPanel {
  panelId: number;
  title: string;
  /**
   * `iframe`: `src` is a Grafana `/d-solo/` URL for an iframe. `image`: `src` is a backend path
   * (relative to the observability API base URL) answering with the rendered PNG.
   */
  kind: 'iframe' | 'image';
  src: string;
}

/** `GET /entities/:kind/:namespace/:name/grafana` */
export interface GrafanaPanelsResponse {
  /** The full dashboard with the entity's variables and the time range. */
  dashboardUrl?: string;
  panels: GrafanaPanel[];
  empty?: EmptyReason;
}

/** A monthly cost estimate split into its parts. */
export interface CostBreakdown {
  cpu: number;
  memory: number;
  storage: number;
  total: number;
}

/** `GET /entities/:kind/:namespace/:name/cost` */
export interface CostResponse {
  currency: string;
  monthly: CostBreakdown;
  /** What the estimate is made of: cores and GiB billed, and whether usage or requests won. */
  inputs: {
    cpuCores: number;
    cpuBasis: 'requests' | 'usage';
    memoryGiB: number;
    memoryBasis: 'requests' | 'usage';
    storageGiB: number;
  };
  empty?: EmptyReason;
}

/** `GET /cost/teams` */
export interface TeamCostResponse {
  currency: string;
  teams: Array<{
    owner: string;
    monthly: CostBreakdown;
    services: Array<{
      entityRef: string;
      title?: string;
      monthly: CostBreakdown;
    }>;
  }>;
  empty?: EmptyReason;
}

/** Shape of the backend's error body (Backstage's standard one). */
export interface ObservabilityErrorBody {
  error: { name: string; message: string };
}
