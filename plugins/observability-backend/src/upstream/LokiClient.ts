import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  LogLine,
  TimeWindow,
} from '@internal/plugin-observability-common';
import type { ObservabilityConfig } from '../config/ObservabilityConfig';
import { fetchFailure, UpstreamError } from '@internal/plugin-portico-node';

/** Loki's `/loki/api/v1/query_range` for a log query: streams of `[ns timestamp, line]`. */
export class LokiClient {
  queriesSent = 0;

  constructor(
    private readonly config: NonNullable<ObservabilityConfig['loki']>,
    private readonly logger: LoggerService,
  ) {}

  /** The newest `limit` lines in the window, newest first. */
  async queryLogs(
    query: string,
    window: TimeWindow,
    limit: number,
  ): Promise<LogLine[]> {
    const { url, headers, timeoutMs, levelLabel } = this.config;
    const params = new URLSearchParams({
      query,
      start: `${window.start}000000000`,
      end: `${window.end}000000000`,
      limit: String(limit),
      direction: 'backward',
    });
    this.queriesSent += 1;
    let response: Response;
    let body: any;
    try {
      response = await fetch(`${url}/loki/api/v1/query_range?${params}`, {
        headers: { ...headers, Accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
      body = await response.json().catch(() => undefined);
    } catch (error) {
      throw fetchFailure('Loki', timeoutMs, error);
    }
    if (!response.ok || body?.status !== 'success') {
      this.logger.warn('Loki query failed', {
        status: response.status,
        error: typeof body === 'object' ? body?.error : undefined,
        query,
      });
      throw new UpstreamError(
        `Loki could not run the logs query (HTTP ${response.status})`,
        502,
      );
    }
    if (body.data?.resultType !== 'streams') {
      throw new UpstreamError(
        'Loki answered the logs query with an unexpected result type',
        502,
      );
    }
    const lines: Array<LogLine & { ns: bigint }> = [];
    for (const stream of body.data.result as Array<{
      stream: Record<string, string>;
      values: Array<[string, string, Record<string, string>?]>;
    }>) {
      for (const [ns, line, metadata] of stream.values) {
        const level =
          metadata?.[levelLabel] ??
          stream.stream[levelLabel] ??
          stream.stream.level;
        lines.push({
          ns: BigInt(ns),
          timestamp: new Date(Number(BigInt(ns) / 1000000n)).toISOString(),
          ...(level ? { level } : {}),
          line,
        });
      }
    }
    lines.sort((a, b) => Number(b.ns - a.ns));
    return lines.slice(0, limit).map(({ ns: _ns, ...rest }) => rest);
  }
}
