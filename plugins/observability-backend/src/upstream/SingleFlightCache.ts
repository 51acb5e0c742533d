interface Entry<T> {
  promise: Promise<T>;
  /** Epoch ms after which the settled value is stale; Infinity while in flight. */
  expires: number;
  /** Estimated size of the settled value; 0 while in flight. */
  bytes: number;
}

/**
 * Estimated bytes a value takes in memory (V8's strings are UTF-16 at worst, numbers 8 bytes,
 * plus a fixed cost per object and array element). Upstream answers are plain JSON data or
 * Buffers; the estimate is an upper bound good enough to keep the cache within its budget.
 */
export function estimateBytes(value: unknown): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      total += 16 + 2 * v.length;
    } else if (typeof v === 'number' || typeof v === 'bigint') {
      total += 8;
    } else if (v === null || v === undefined || typeof v === 'boolean') {
      total += 4;
    } else if (v instanceof Uint8Array) {
      total += 64 + v.byteLength;
    } else if (Array.isArray(v)) {
      total += 32 + 8 * v.length;
      for (const item of v) stack.push(item);
    } else if (typeof v === 'object') {
      total += 32;
      for (const [k, item] of Object.entries(v as object)) {
        total += 16 + 2 * k.length;
        stack.push(item);
      }
    } else {
      total += 16;
    }
  }
  return total;
}

/**
 * Coalesces identical in-flight requests into one upstream call and keeps results for a short
 * TTL, least recently used first out, within a number of entries and an estimated number of
 * bytes (a result larger than the whole budget is answered but not kept). Failures are not kept:
 * the next caller tries again.
 *
 * In-process rather than coreServices.cache: the in-flight promise cannot live in a shared
 * store anyway, results are large matrices that a shared store would serialize on every hit, and
 * with keys bucketed in time (a chart's window ends on a step boundary, logs on a TTL boundary) a
 * second replica costs at most one extra upstream query per bucket.
 */
export class SingleFlightCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private totalBytes = 0;
  /** Upstream calls made (cache and in-flight misses). */
  misses = 0;
  /** Calls answered from the cache or an in-flight call. */
  hits = 0;

  constructor(
    private readonly options: {
      ttlMs: number;
      maxEntries: number;
      /** Default: unbounded in bytes (bounded in entries only). */
      maxBytes?: number;
      /** Default: {@link estimateBytes}. */
      sizeOf?: (value: T) => number;
      now?: () => number;
    },
  ) {}

  private now() {
    return this.options.now ? this.options.now() : Date.now();
  }

  get size() {
    return this.entries.size;
  }

  /** Estimated bytes of the kept results. */
  get bytes() {
    return this.totalBytes;
  }

  private remove(key: string) {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.totalBytes -= entry.bytes;
    }
  }

  /** The value for `key`: a fresh cached one, the in-flight one, or `load()`'s. */
  get(key: string, load: () => Promise<T>): Promise<T> {
    const found = this.entries.get(key);
    if (found && found.expires > this.now()) {
      // refresh its place in the LRU order
      this.entries.delete(key);
      this.entries.set(key, found);
      this.hits += 1;
      return found.promise;
    }
    if (found) this.remove(key);
    this.misses += 1;
    const entry: Entry<T> = { promise: load(), expires: Infinity, bytes: 0 };
    this.entries.set(key, entry);
    entry.promise.then(
      value => {
        if (this.entries.get(key) !== entry) return; // evicted while in flight
        const bytes = (this.options.sizeOf ?? estimateBytes)(value);
        const maxBytes = this.options.maxBytes ?? Infinity;
        if (bytes > maxBytes) {
          this.remove(key);
          return;
        }
        entry.bytes = bytes;
        this.totalBytes += bytes;
        entry.expires = this.now() + this.options.ttlMs;
        this.evict();
      },
      () => {
        if (this.entries.get(key) === entry) {
          this.remove(key);
        }
      },
    );
    this.evict();
    return entry.promise;
  }

  private evict() {
    const maxBytes = this.options.maxBytes ?? Infinity;
    while (
      this.entries.size > this.options.maxEntries ||
      this.totalBytes > maxBytes
    ) {
      const oldest = this.entries.keys().next().value as string;
      this.remove(oldest);
    }
  }
}
