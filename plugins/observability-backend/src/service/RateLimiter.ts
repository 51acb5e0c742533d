import type { RateLimitConfig } from '../config/ObservabilityConfig';

/** How often a caller's refusals by the limit are reported (audited): at most once in this time. */
export const REFUSAL_REPORT_INTERVAL_MS = 60_000;

/** A caller over its budget: answered 429 with Retry-After by the router. */
export class RateLimitedError extends Error {
  readonly statusCode = 429;

  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    /**
     * The caller's first refusal in {@link REFUSAL_REPORT_INTERVAL_MS}: the one worth a record.
     * The rest of a flood is only answered.
     */
    readonly firstRefusal = true,
  ) {
    super(message);
    this.name = 'TooManyRequestsError';
  }
}

interface Bucket {
  tokens: number;
  at: number;
  /** When the caller's last reported refusal was. */
  reportedAt?: number;
}

/**
 * A token bucket per caller (user entity ref or service subject): `burst` requests at once,
 * refilled at `requestsPerMinute`. At most `maxCallers` buckets are remembered (least recently
 * seen forgotten first), so the limiter itself is bounded. A refusal says whether it is the
 * caller's first in {@link REFUSAL_REPORT_INTERVAL_MS}, so a flood is recorded once a minute.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly config: RateLimitConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = config.requestsPerMinute / 60_000;
  }

  get size() {
    return this.buckets.size;
  }

  /** Takes one request from `caller`'s budget, or throws {@link RateLimitedError}. */
  take(caller: string) {
    const now = this.now();
    const found = this.buckets.get(caller);
    const bucket = found
      ? {
          tokens: Math.min(
            this.config.burst,
            found.tokens + (now - found.at) * this.perMs,
          ),
          at: now,
          reportedAt: found.reportedAt,
        }
      : { tokens: this.config.burst, at: now };
    this.buckets.delete(caller);
    this.buckets.set(caller, bucket);
    while (this.buckets.size > this.config.maxCallers) {
      this.buckets.delete(this.buckets.keys().next().value as string);
    }
    if (bucket.tokens < 1) {
      const retryAfter = Math.max(
        1,
        Math.ceil((1 - bucket.tokens) / this.perMs / 1000),
      );
      const firstRefusal =
        bucket.reportedAt === undefined ||
        now - bucket.reportedAt >= REFUSAL_REPORT_INTERVAL_MS;
      if (firstRefusal) bucket.reportedAt = now;
      throw new RateLimitedError(
        `Too many observability requests from ${caller}: at most ${this.config.requestsPerMinute} a minute, ${this.config.burst} at once (observability.rateLimit); retry in ${retryAfter}s`,
        retryAfter,
        firstRefusal,
      );
    }
    bucket.tokens -= 1;
  }
}
