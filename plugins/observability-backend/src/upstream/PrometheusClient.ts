import type { LoggerService } from '@backstage/backend-plugin-api';
import type { TimeWindow } from '@internal/plugin-observability-common';
import type { UpstreamConfig } from '../config/ObservabilityConfig';
import { type FormResponse, postForm } from './postForm';
import { fetchFailure, UpstreamError } from '@internal/plugin-portico-node';

/** One series of a matrix: its labels and `[unix seconds, value]` points. */
export interface PromSeries {
  metric: Record<string, string>;
  points: Array<[number, number]>;
}

/** What a query is for, named in errors instead of the query itself. */
export interface QueryPurpose {
  signal: string;
  series: string;
}

function parseValue(value: string): number {
  const n = Number(value);
  return Number.isFinite(n) ? n : NaN;
}

/**
 * The Prometheus HTTP API (`/api/v1/query_range`, `/api/v1/query`). Queries are POSTed as a
 * form so long selectors fit; credentials and headers from config are added here only.
 */
export class PrometheusClient {
  /** Queries sent to Prometheus (for the bench and tests). */
  queriesSent = 0;

  constructor(
    private readonly config: UpstreamConfig,
    private readonly logger: LoggerService,
  ) {}

  async queryRange(
    query: string,
    window: TimeWindow,
    purpose: QueryPurpose,
  ): Promise<PromSeries[]> {
    const data = await this.post('/api/v1/query_range', purpose, {
      query,
      start: String(window.start),
      end: String(window.end),
      step: String(window.step),
    });
    if (data.resultType !== 'matrix') {
      throw this.unexpected(purpose);
    }
    return (data.result as any[]).map(r => ({
      metric: r.metric ?? {},
      points: (r.values as [number, string][]).map(
        ([t, v]) => [t, parseValue(v)] as [number, number],
      ),
    }));
  }

  /** One instant value per series at `time`. */
  async query(
    query: string,
    time: number,
    purpose: QueryPurpose,
  ): Promise<Array<{ metric: Record<string, string>; value: number }>> {
    const data = await this.post('/api/v1/query', purpose, {
      query,
      time: String(time),
    });
    if (data.resultType === 'scalar') {
      return [{ metric: {}, value: parseValue(data.result[1]) }];
    }
    if (data.resultType !== 'vector') {
      throw this.unexpected(purpose);
    }
    return (data.result as any[]).map(r => ({
      metric: r.metric ?? {},
      value: parseValue(r.value[1]),
    }));
  }

  private unexpected(purpose: QueryPurpose) {
    return new UpstreamError(
      `Prometheus answered the ${purpose.signal} ${purpose.series} query with an unexpected result type`,
      502,
    );
  }

  private async post(
    path: string,
    purpose: QueryPurpose,
    params: Record<string, string>,
  ): Promise<any> {
    const { url, headers, timeoutMs } = this.config;
    this.queriesSent += 1;
    let response: FormResponse;
    try {
      response = await postForm(
        `${url}${path}`,
        { ...params, timeout: `${Math.ceil(timeoutMs / 1000)}s` },
        headers,
        timeoutMs,
      );
    } catch (error) {
      throw fetchFailure('Prometheus', timeoutMs, error);
    }
    let body: any;
    try {
      body = JSON.parse(response.text);
    } catch {
      body = undefined;
    }
    const ok = response.status >= 200 && response.status < 300;
    if (!ok || body?.status !== 'success') {
      // The upstream message quotes the query: it goes to the server log only.
      this.logger.warn('Prometheus query failed', {
        signal: purpose.signal,
        series: purpose.series,
        status: response.status,
        errorType: body?.errorType,
        error: body?.error,
        query: params.query,
      });
      if (body?.errorType === 'timeout') {
        throw new UpstreamError(
          `Prometheus did not answer within ${timeoutMs / 1000}s`,
          504,
        );
      }
      throw new UpstreamError(
        `Prometheus could not run the ${purpose.signal} ${
          purpose.series
        } query (${
          typeof body?.errorType === 'string'
            ? body.errorType.replace(/[^a-z_]/gi, '')
            : `HTTP ${response.status}`
        })`,
        502,
      );
    }
    return body.data;
  }
}
