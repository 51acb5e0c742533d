import type { Signal } from '@internal/plugin-observability-common';

/** Signals with templates: the chart signals plus `storage`, which only the cost estimate uses. */
export type TemplateSignal = Signal | 'storage';

/** Query templates per signal and series. */
export type QueryTemplates = Record<TemplateSignal, Record<string, string>>;

/** Which HTTP server metric family the request, error and latency defaults read. */
export type HttpMetricFamily = 'prometheus' | 'micrometer';

const CONTAINERS = 'container!="",container!="POD"';

const HTTP_FAMILIES: Record<
  HttpMetricFamily,
  { count: string; bucket: string; statusLabel: string }
> = {
  // prometheus client libraries (Go, Python, Node prom-client conventions)
  prometheus: {
    count: 'http_requests_total',
    bucket: 'http_request_duration_seconds_bucket',
    statusLabel: 'code',
  },
  // Spring Boot / Micrometer
  micrometer: {
    count: 'http_server_requests_seconds_count',
    bucket: 'http_server_requests_seconds_bucket',
    statusLabel: 'status',
  },
};

/**
 * The default templates: cAdvisor for usage, kube-state-metrics for requests, limits, restarts
 * and volume sizes, and one HTTP server metric family. `$selector` becomes the entity's escaped
 * matchers, `$window` the rate window, `$quantile` 0.5/0.95/0.99.
 */
export function defaultTemplates(http: HttpMetricFamily): QueryTemplates {
  const { count, bucket, statusLabel } = HTTP_FAMILIES[http];
  return {
    cpu: {
      usage: `sum(rate(container_cpu_usage_seconds_total{$selector,${CONTAINERS}}[$window]))`,
      requests:
        'sum(kube_pod_container_resource_requests{$selector,resource="cpu"})',
      limits:
        'sum(kube_pod_container_resource_limits{$selector,resource="cpu"})',
    },
    memory: {
      usage: `sum(container_memory_working_set_bytes{$selector,${CONTAINERS}})`,
      requests:
        'sum(kube_pod_container_resource_requests{$selector,resource="memory"})',
      limits:
        'sum(kube_pod_container_resource_limits{$selector,resource="memory"})',
    },
    requestRate: {
      rate: `sum(rate(${count}{$selector}[$window]))`,
    },
    errorPercentage: {
      errors: `100 * (sum(rate(${count}{$selector,${statusLabel}=~"5.."}[$window])) or vector(0)) / sum(rate(${count}{$selector}[$window]))`,
    },
    latency: {
      p50: `histogram_quantile($quantile, sum by (le) (rate(${bucket}{$selector}[$window])))`,
      p95: `histogram_quantile($quantile, sum by (le) (rate(${bucket}{$selector}[$window])))`,
      p99: `histogram_quantile($quantile, sum by (le) (rate(${bucket}{$selector}[$window])))`,
    },
    restarts: {
      restarts: 'sum(kube_pod_container_status_restarts_total{$selector})',
    },
    storage: {
      bytes:
        'sum(kube_persistentvolumeclaim_resource_requests_storage_bytes{$selector})',
    },
  };
}

/** The quantile each latency series asks for. */
export const LATENCY_QUANTILES: Record<string, string> = {
  p50: '0.5',
  p95: '0.95',
  p99: '0.99',
};
