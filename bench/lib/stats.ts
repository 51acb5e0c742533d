/* The benches' shared arithmetic over runs: the median, and median and range per figure. */

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median and range of one figure over the runs. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** The same shape as T with every number replaced by its spread over the runs. */
export type SpreadOf<T> = {
  [K in keyof T]: T[K] extends number ? Spread : SpreadOf<T[K]>;
};

/**
 * Every numeric field of `runs` (nested objects too) as { median, min, max } over the runs,
 * each passed through `round`; fields that are neither numbers nor objects are left out.
 */
export function spreadOf<T extends object>(
  runs: T[],
  round: (n: number) => number = n => n,
): SpreadOf<T> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(runs[0])) {
    const values = runs.map(r => (r as any)[key]);
    if (typeof values[0] === 'number') {
      out[key] = {
        median: round(median(values)),
        min: round(Math.min(...values)),
        max: round(Math.max(...values)),
      };
    } else if (values[0] && typeof values[0] === 'object') {
      out[key] = spreadOf(values, round);
    }
  }
  return out as SpreadOf<T>;
}
