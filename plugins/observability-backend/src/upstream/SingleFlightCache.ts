interface Entry<T> {
  promise: Promise<T>;
  /** Epoch ms after which the settled value is stale; Infinity while in flight. */
  expires: number;
}

/**
 * Coalesces identical in-flight requests into one upstream call and keeps results for a short
 * TTL, least recently used first out. Failures are not kept: the next caller tries again.
 *
 * In-process rather than coreServices.cache: the in-flight promise cannot live in a shared
 * store anyway, results are large matrices that a shared store would serialize on every hit, and
 * with keys bucketed to the TTL a second replica costs at most one extra upstream query per
 * bucket.
 */
export class SingleFlightCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  /** Upstream calls made (cache and in-flight misses). */
  misses = 0;
  /** Calls answered from the cache or an in-flight call. */
  hits = 0;

  constructor(
    private readonly options: {
      ttlMs: number;
      maxEntries: number;
      now?: () => number;
    },
  ) {}

  private now() {
    return this.options.now ? this.options.now() : Date.now();
  }

  get size() {
    return this.entries.size;
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
    this.misses += 1;
    const entry: Entry<T> = { promise: load(), expires: Infinity };
    this.entries.set(key, entry);
    entry.promise.then(
      () => {
        entry.expires = this.now() + this.options.ttlMs;
      },
      () => {
        if (this.entries.get(key) === entry) {
          this.entries.delete(key);
        }
      },
    );
    this.evict();
    return entry.promise;
  }

  private evict() {
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}
