import type {
  LogsResponse,
  TimeWindow,
} from '@internal/plugin-observability-common';
import { buildLogQuery, type LogFilter } from '../query/logql';
import type { ResolvedEntity } from './EntityScopes';
import type { Upstreams } from './Upstreams';

/** The log line counts asked of Loki (a request's limit is rounded up to one, then cut). */
export const LOG_LIMITS = [50, 100, 200, 500, 1000];

/** Log lines of an entity, from Loki. */
export class LogsService {
  constructor(private readonly upstreams: Upstreams) {}

  /**
   * Log lines of the entity; the caller has been authorized by the router. Loki is asked for
   * `limit` rounded up to one of {@link LOG_LIMITS} (so a caller cannot make every request a new
   * query by varying it), and the answer is cut to `limit`.
   */
  async logs(
    resolved: ResolvedEntity,
    filter: LogFilter,
    window: TimeWindow,
    limit: number,
  ): Promise<LogsResponse> {
    const { loki } = this.upstreams.clients;
    const config = this.upstreams.config;
    if (!loki || !config.loki) {
      return { window, lines: [], truncated: false, empty: 'not-configured' };
    }
    if (!resolved.selector) {
      return { window, lines: [], truncated: false, empty: 'no-namespaces' };
    }
    const max = config.limits.maxLogLines;
    const asked =
      [...LOG_LIMITS.filter(n => n < max), max].find(n => n >= limit) ?? max;
    const query = buildLogQuery(
      resolved.selector,
      filter,
      config.loki.levelLabel,
    );
    const fetched = await this.upstreams.cached(
      `logs\n${query}\n${window.start}\n${window.end}\n${asked}`,
      () => loki.queryLogs(query, window, asked),
    );
    const lines = fetched.slice(0, limit);
    return {
      window,
      lines,
      truncated: fetched.length > limit || fetched.length >= asked,
      ...(lines.length ? {} : { empty: 'no-data' as const }),
    };
  }
}
