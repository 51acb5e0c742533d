/* The bench's arithmetic: percentiles of one run, median and range over runs, the shuffle. */
import { randomInt } from 'node:crypto';

export const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

/** p50 and p99 of one run's timings, in ms. */
export const figures = (ms: number[]) => ({
  p50: round(percentile(ms, 50)),
  p99: round(percentile(ms, 99)),
});

export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** Median and range of one figure over the runs. */
export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return {
    median: round(median),
    min: round(sorted[0]),
    max: round(sorted[sorted.length - 1]),
  };
}

/**
 * The same object shape with every number replaced by its spread over `runs` (each run an
 * object of that shape: { p50, p99 } or nested).
 */
export function spreadOf<T>(runs: T[]): any {
  const first = runs[0] as any;
  if (typeof first === 'number') return spread(runs as number[]);
  return Object.fromEntries(
    Object.keys(first).map(key => [
      key,
      spreadOf(runs.map(run => (run as any)[key])),
    ]),
  );
}

/** Fisher–Yates with a crypto random source: a new order every run. */
export function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
