import type { Signal } from '@internal/plugin-observability-common';

/** Titles of the signals and their series, as the charts show them. */
export const SIGNAL_TITLES: Record<Signal, string> = {
  cpu: 'CPU',
  memory: 'Memory',
  requestRate: 'Request rate',
  errorPercentage: 'Errors',
  latency: 'Latency',
  restarts: 'Restarts',
};

export const SERIES_TITLES: Record<string, string> = {
  usage: 'usage',
  requests: 'requests',
  limits: 'limits',
  rate: 'requests/s',
  errors: '5xx %',
  p50: 'p50',
  p95: 'p95',
  p99: 'p99',
  restarts: 'restarts',
};

/** Series drawn as horizontal reference lines rather than as lines over time. */
export const REFERENCE_SERIES = new Set(['requests', 'limits']);

export const SERIES_COLORS: Record<string, string> = {
  usage: '#1f77b4',
  rate: '#1f77b4',
  errors: '#d62728',
  p50: '#2ca02c',
  p95: '#ff7f0e',
  p99: '#d62728',
  restarts: '#9467bd',
  requests: '#7f7f7f',
  limits: '#d62728',
};
