/* The bench's arithmetic: percentiles of one run, median and range over runs, the shuffle. */
import { randomInt } from 'node:crypto';
import { spreadOf as spreadOverRuns } from '../lib/stats';

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

/** Median and range of every figure over the runs, to two decimals (bench/lib/stats). */
export const spreadOf = <T extends object>(runs: T[]) =>
  spreadOverRuns(runs, n => round(n));

/** Fisher–Yates with a crypto random source: a new order every run. */
export function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
