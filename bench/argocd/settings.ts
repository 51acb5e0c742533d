import path from 'node:path';

/** The bench's knobs (environment) and its fixed workload; see bench.ts for the time model. */
export const SCALE = Number(process.env.BENCH_ARGOCD_SCALE ?? 1);
/** Runs of each backend (interleaved: roadie, roadie_password, ours, then again). */
export const RUNS = Number(process.env.BENCH_ARGOCD_RUNS ?? 3);
export type Mode = 'ours' | 'roadie' | 'roadie_password';
export const MODES: Mode[] = ['roadie', 'roadie_password', 'ours'];
export const ONLY = process.env.BENCH_ARGOCD_ONLY as Mode | undefined;
export const TRACE = !!process.env.BENCH_ARGOCD_TRACE;
/**
 * BENCH_ARGOCD_FAULT=<instance>:<error|timeout|down>: that fake instance fails from the start
 * (to see the bench fail on failed lookups instead of printing figures).
 */
export const FAULT = process.env.BENCH_ARGOCD_FAULT;
export const SIM_SECONDS = 120;
/** Real seconds of viewing before the measurement starts. */
export const WARMUP_S = 10;
export const VIEWERS = 20;
export const ENTITIES = 1000;
export const THINK_SIM_MS = 1000;
export const REFRESH_SIM_S = 30;
/** Every 10 s (simulated) one application per instance changes health, so lists are not static. */
export const CHANGE_SIM_MS = 10_000;
export const REPO = path.resolve(__dirname, '../..');
