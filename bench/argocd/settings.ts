import path from 'node:path';

/**
 * The bench's knobs (environment) and its fixed workload; see bench.ts for the time model.
 * BENCH_ARGOCD_QUICK=1: a quick look while developing (time at 1:8, one run, a short warm-up,
 * 8 freshness changes); its figures are not the stated workload's.
 */
export const QUICK = !!process.env.BENCH_ARGOCD_QUICK;
export const SCALE = Number(process.env.BENCH_ARGOCD_SCALE ?? (QUICK ? 8 : 1));
/** Runs of each backend (interleaved: roadie, roadie_password, ours, ours_empty, then again). */
export const RUNS = Number(process.env.BENCH_ARGOCD_RUNS ?? (QUICK ? 1 : 3));
/**
 * `ours_empty`: Portico's backend with no Argo CD instance (same catalog, same plugins), whose
 * RSS after the warm-up is the base of `rss_over_empty_mb`.
 */
export type Mode = 'ours' | 'roadie' | 'roadie_password' | 'ours_empty';
export const MODES: Mode[] = [
  'roadie',
  'roadie_password',
  'ours',
  'ours_empty',
];
export const ONLY = process.env.BENCH_ARGOCD_ONLY as Mode | undefined;
export const TRACE = !!process.env.BENCH_ARGOCD_TRACE;
/**
 * BENCH_ARGOCD_FAULT=<instance>:<error|timeout|down>: that fake instance fails from the start
 * (to see the bench fail on failed lookups instead of printing figures).
 */
export const FAULT = process.env.BENCH_ARGOCD_FAULT;
export const SIM_SECONDS = 120;
/** Real seconds of viewing before the measurement starts. */
export const WARMUP_S = QUICK ? 3 : 10;
export const VIEWERS = 20;
export const ENTITIES = 1000;
export const THINK_SIM_MS = 1000;
export const REFRESH_SIM_S = 30;
/** Every 10 s (simulated) one application per instance changes health, so lists are not static. */
export const CHANGE_SIM_MS = 10_000;
/** Freshness: applications changed in the fake, one every FRESHNESS_GAP_MS (real time). */
export const FRESHNESS_CHANGES = Number(
  process.env.BENCH_ARGOCD_FRESHNESS_CHANGES ?? (QUICK ? 8 : 24),
);
export const FRESHNESS_GAP_MS = 300;
/** How often the freshness probes look (the status API; the browser page's DOM). */
export const FRESHNESS_POLL_MS = 20;
/** A change not seen after this long fails the probe (recorded as this long, flagged). */
export const FRESHNESS_TIMEOUT_MS = 90_000;
export const REPO = path.resolve(__dirname, '../..');
