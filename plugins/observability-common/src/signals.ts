/** The signals a service's Observability tab shows. Nobody types PromQL: these names are the API. */
export const SIGNALS = [
  'cpu',
  'memory',
  'requestRate',
  'errorPercentage',
  'latency',
  'restarts',
] as const;

/** One of {@link SIGNALS}. */
export type Signal = (typeof SIGNALS)[number];

/** The series each signal draws, in order; the backend fills them from its query templates. */
export const SIGNAL_SERIES = {
  cpu: ['usage', 'requests', 'limits'],
  memory: ['usage', 'requests', 'limits'],
  requestRate: ['rate'],
  errorPercentage: ['errors'],
  latency: ['p50', 'p95', 'p99'],
  restarts: ['restarts'],
} as const satisfies Record<Signal, readonly string[]>;

/** A series name of one signal. */
export type SeriesName<S extends Signal = Signal> =
  (typeof SIGNAL_SERIES)[S][number];

/** The unit a signal's values are in. */
export const SIGNAL_UNITS: Record<Signal, SignalUnit> = {
  cpu: 'cores',
  memory: 'bytes',
  requestRate: 'requests/s',
  errorPercentage: 'percent',
  latency: 'seconds',
  restarts: 'count',
};

/** Units of {@link SIGNAL_UNITS}. */
export type SignalUnit =
  | 'cores'
  | 'bytes'
  | 'requests/s'
  | 'percent'
  | 'seconds'
  | 'count';

/**
 * The time ranges a chart may show, in seconds. The browser only picks one of these: the backend
 * chooses the window's end (on a step boundary) and the step, so every viewer of a service
 * in the same moment asks for one of a few windows.
 */
export const RANGES = {
  '15m': 15 * 60,
  '1h': 3600,
  '6h': 6 * 3600,
  '24h': 24 * 3600,
  '7d': 7 * 24 * 3600,
} as const;

/** One of the preset ranges. */
export type RangePreset = keyof typeof RANGES;

/** The preset range names, shortest first. */
export const RANGE_PRESETS = Object.keys(RANGES) as RangePreset[];

/** The step between points of each range, in seconds (chosen by the backend, never the browser). */
export const RANGE_STEPS: Record<RangePreset, number> = {
  '15m': 15,
  '1h': 15,
  '6h': 90,
  '24h': 360,
  '7d': 2520,
};

/** Log levels the logs panel filters on. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'fatal'] as const;

/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];
