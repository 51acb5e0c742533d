import type { LoggerService } from '@backstage/backend-plugin-api';
import { metrics, type Counter } from '@opentelemetry/api';

/** Why a callback was refused before anything was written. */
export type RefusalReason = 'unauthorized' | 'expired' | 'rate-limited';

/**
 * Fixed-window counters per key, bounded: at most `maxKeys` keys are remembered (the oldest
 * window is forgotten first), so a flood from many addresses cannot grow memory.
 */
export class WindowCounter {
  private readonly windows = new Map<string, { start: number; n: number }>();

  constructor(
    private readonly options: {
      windowMs: number;
      maxKeys: number;
      now?: () => number;
    },
  ) {}

  private now() {
    return (this.options.now ?? Date.now)();
  }

  /** The count of `key` in its current window. */
  count(key: string): number {
    const w = this.windows.get(key);
    if (!w || this.now() - w.start >= this.options.windowMs) return 0;
    return w.n;
  }

  /** Seconds until the window of `key` ends (at least 1). */
  retryAfterSeconds(key: string): number {
    const w = this.windows.get(key);
    const left = w ? w.start + this.options.windowMs - this.now() : 0;
    return Math.max(1, Math.ceil(left / 1000));
  }

  /** Adds one to `key`; returns the new count. */
  add(key: string): number {
    const now = this.now();
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.options.windowMs) {
      w = { start: now, n: 0 };
    }
    w.n += 1;
    // Re-insert so that the map's order is the order of last use.
    this.windows.delete(key);
    this.windows.set(key, w);
    while (this.windows.size > this.options.maxKeys) {
      this.windows.delete(this.windows.keys().next().value as string);
    }
    return w.n;
  }

  get size(): number {
    return this.windows.size;
  }
}

/** What the guard says about a request or a refusal. */
export interface GuardDecision {
  /** Answer 429 with this Retry-After instead of 401. */
  retryAfterSeconds?: number;
}

/**
 * Counts and limits refused workflow callbacks. A refusal is a callback whose token is not a
 * valid token of the run (or whose run does not exist, or whose token expired); nothing is
 * written for it, not even an audit event. Refusals are:
 * - counted: the OpenTelemetry counter `portico.provisioning.callback.refused` (attributes:
 *   reason) and a warning in the log (run id, source address and reason, never the token),
 *   at most one line per source address and window;
 * - limited per source address: past `perSourceIp` refusals in a window, every callback from
 *   that address is answered 429 before its token is even looked up;
 * - limited per run: past `perRun` refusals in a window, refused callbacks of that run are
 *   answered 429 (the run's own valid token keeps working, so a flood cannot stall a workflow).
 */
export class CallbackGuard {
  private readonly byIp: WindowCounter;
  private readonly byRun: WindowCounter;
  private readonly counter: Counter;
  private readonly tally: Record<RefusalReason, number> = {
    unauthorized: 0,
    expired: 0,
    'rate-limited': 0,
  };

  constructor(
    private readonly options: {
      perSourceIp: number;
      perRun: number;
      windowMs: number;
      logger: LoggerService;
      /** Most addresses and runs remembered (default 10000 each). */
      maxKeys?: number;
      now?: () => number;
    },
  ) {
    const common = {
      windowMs: options.windowMs,
      maxKeys: options.maxKeys ?? 10_000,
      now: options.now,
    };
    this.byIp = new WindowCounter(common);
    this.byRun = new WindowCounter(common);
    this.counter = metrics
      .getMeter('portico-provisioning')
      .createCounter('portico.provisioning.callback.refused', {
        description:
          'Workflow callbacks refused before anything was written (bad or expired token, rate limit)',
      });
  }

  /** Before the token is looked up: whether this address has used up its refusals. */
  admit(ip: string): GuardDecision {
    if (this.byIp.count(ip) >= this.options.perSourceIp) {
      this.count('rate-limited');
      return { retryAfterSeconds: this.byIp.retryAfterSeconds(ip) };
    }
    return {};
  }

  /** Records a refused callback; says whether to answer 429. */
  refused(options: {
    runId?: string;
    ip: string;
    reason: Exclude<RefusalReason, 'rate-limited'>;
  }): GuardDecision {
    this.count(options.reason);
    const perIp = this.byIp.add(options.ip);
    const perRun = options.runId ? this.byRun.add(options.runId) : 0;
    if (perIp === 1) {
      this.options.logger.warn(
        `Refused a provisioning callback (${options.reason}) for run ${
          options.runId ?? '(not a run id)'
        } from ${
          options.ip
        }; further refusals from this address in this window are only counted`,
      );
    }
    if (perIp > this.options.perSourceIp) {
      if (perIp === this.options.perSourceIp + 1) {
        this.options.logger.warn(
          `Too many refused provisioning callbacks from ${
            options.ip
          }: answering 429 for ${this.byIp.retryAfterSeconds(options.ip)} s`,
        );
      }
      return { retryAfterSeconds: this.byIp.retryAfterSeconds(options.ip) };
    }
    if (options.runId && perRun > this.options.perRun) {
      return {
        retryAfterSeconds: this.byRun.retryAfterSeconds(options.runId),
      };
    }
    return {};
  }

  private count(reason: RefusalReason) {
    this.tally[reason] += 1;
    this.counter.add(1, { reason });
  }

  /** Refusals counted since start, by reason (also exported as a metric). */
  stats(): Record<RefusalReason, number> {
    return { ...this.tally };
  }

  /** How many addresses and runs are remembered (bounded by maxKeys). */
  remembered(): { sourceIps: number; runs: number } {
    return { sourceIps: this.byIp.size, runs: this.byRun.size };
  }
}
