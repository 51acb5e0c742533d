/**
 * Merges the keys asked for in the same tick into one batch call.
 *
 * `load(key)` returns a promise for that key's value. Keys requested before the pending batch is
 * sent (a `setTimeout(0)` later, i.e. after every row of a table has rendered and run its effects)
 * go into the same call; the same key asked twice shares one entry. Batches are cut at `maxBatchSize`.
 */
export class BatchLoader<K, V> {
  readonly #loadBatch: (keys: K[]) => Promise<Map<K, V>>;
  readonly #maxBatchSize: number;
  readonly #schedule: (fn: () => void) => void;
  #pending = new Map<
    K,
    {
      resolve: (v: V) => void;
      reject: (e: unknown) => void;
      promise: Promise<V>;
    }
  >();
  #scheduled = false;

  constructor(options: {
    /** Loads many keys at once; a key missing from the answer rejects that key's promise. */
    loadBatch: (keys: K[]) => Promise<Map<K, V>>;
    maxBatchSize?: number;
    /** How a batch is deferred (default: the next macrotask). */
    schedule?: (fn: () => void) => void;
  }) {
    this.#loadBatch = options.loadBatch;
    this.#maxBatchSize = Math.max(1, options.maxBatchSize ?? 100);
    this.#schedule = options.schedule ?? (fn => setTimeout(fn, 0));
  }

  load(key: K): Promise<V> {
    const queued = this.#pending.get(key);
    if (queued) return queued.promise;
    let resolve!: (v: V) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<V>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.#pending.set(key, { resolve, reject, promise });
    if (!this.#scheduled) {
      this.#scheduled = true;
      this.#schedule(() => this.#dispatch());
    }
    return promise;
  }

  #dispatch() {
    const batch = this.#pending;
    this.#pending = new Map();
    this.#scheduled = false;
    const keys = [...batch.keys()];
    for (let i = 0; i < keys.length; i += this.#maxBatchSize) {
      const chunk = keys.slice(i, i + this.#maxBatchSize);
      this.#loadBatch(chunk).then(
        values => {
          for (const key of chunk) {
            const entry = batch.get(key)!;
            if (values.has(key)) entry.resolve(values.get(key)!);
            else
              entry.reject(new Error(`No status returned for ${String(key)}`));
          }
        },
        error => {
          for (const key of chunk) batch.get(key)!.reject(error);
        },
      );
    }
  }
}
