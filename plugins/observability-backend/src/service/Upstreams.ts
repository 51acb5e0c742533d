import type { ObservabilityConfig } from '../config/ObservabilityConfig';
import {
  LATENCY_QUANTILES,
  type TemplateSignal,
} from '../query/defaultTemplates';
import type { LabelSelector } from '../query/LabelSelector';
import { renderTemplate } from '../query/renderTemplate';
import type { GrafanaRenderer } from '../upstream/GrafanaRenderer';
import type { LokiClient } from '../upstream/LokiClient';
import type { PrometheusClient } from '../upstream/PrometheusClient';
import { SingleFlightCache } from '../upstream/SingleFlightCache';

/** The upstream clients of the configured systems (each absent when it is not configured). */
export interface UpstreamClients {
  prometheus?: PrometheusClient;
  loki?: LokiClient;
  grafana?: GrafanaRenderer;
}

/**
 * What every signal service reads through: the upstream clients, the one cache their answers
 * share (identical queries share one upstream call and a short-lived cached result), the clock,
 * and the PromQL of a template filled with an entity's escaped selector.
 */
export class Upstreams {
  readonly cache: SingleFlightCache<unknown>;

  constructor(
    readonly config: ObservabilityConfig,
    readonly clients: UpstreamClients,
    private readonly now?: () => number,
  ) {
    this.cache = new SingleFlightCache({
      ttlMs: config.cache.ttlSeconds * 1000,
      maxEntries: config.cache.maxEntries,
      maxBytes: config.cache.maxBytes,
      now,
    });
  }

  nowSeconds(): number {
    return Math.floor((this.now?.() ?? Date.now()) / 1000);
  }

  /** The cached answer of `key`, or `load`'s (one call for concurrent askers). */
  cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    return this.cache.get(key, load) as Promise<T>;
  }

  /** The PromQL of one series of a signal: its template filled with the selector and window. */
  promQuery(
    signal: TemplateSignal,
    series: string,
    selector: LabelSelector,
    windowSeconds: number,
  ): string {
    return renderTemplate(this.config.templates[signal][series], {
      selector,
      windowSeconds,
      quantile: signal === 'latency' ? LATENCY_QUANTILES[series] : undefined,
    });
  }
}
