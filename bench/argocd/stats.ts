/** Median and range of each figure over the runs of one backend. */
export type Range = { median: number; min: number; max: number };
export type Aggregate<T> = {
  [K in keyof T]: T[K] extends number ? Range : Aggregate<T[K]>;
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const m =
    sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return +m.toFixed(4);
}

/**
 * Every numeric field of `runs` (nested objects too) as { median, min, max } over the runs;
 * fields that are not numbers or objects are left out.
 */
export function aggregate<T extends object>(runs: T[]): Aggregate<T> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(runs[0])) {
    const values = runs.map(r => (r as any)[key]);
    if (typeof values[0] === 'number') {
      out[key] = {
        median: median(values),
        min: Math.min(...values),
        max: Math.max(...values),
      };
    } else if (values[0] && typeof values[0] === 'object') {
      out[key] = aggregate(values);
    }
  }
  return out as Aggregate<T>;
}
