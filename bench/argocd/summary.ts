/*
 * The bench's last line: each backend's figures (median and range over the runs), then the issue
 * 16 headline figures and ratios of the same run, and `goals`, one boolean per goal (false when
 * a figure it needs is missing, e.g. with BENCH_ARGOCD_ONLY or without the browser probe).
 */
import { median, Spread, SpreadOf, spreadOf } from '../lib/stats';
import type { Mode } from './settings';

type AnyFigures = Record<string, any>;

const round = (n: number, d = 4) => +n.toFixed(d);

/** Roadie's median over ours (null when ours is 0). */
function ratioOf(roadie: Spread, ours: Spread): number | null {
  return ours.median > 0 ? +(roadie.median / ours.median).toFixed(1) : null;
}

/** a / b of two figures, or null when either is missing or b is 0. */
function over(a: number | undefined, b: number | undefined, d = 3) {
  return a === undefined || b === undefined || b === 0 ? null : round(a / b, d);
}

/** Median and range of per-run differences ours - ours_empty (RSS, MiB). */
function rssOverEmpty(runs: Map<Mode, AnyFigures[]>): Spread | undefined {
  const ours = runs.get('ours') ?? [];
  const empty = runs.get('ours_empty') ?? [];
  const n = Math.min(ours.length, empty.length);
  if (!n) return undefined;
  const diffs = Array.from({ length: n }, (_, i) =>
    round(ours[i].rss_mb - empty[i].rss_mb, 1),
  );
  return {
    median: round(median(diffs), 1),
    min: Math.min(...diffs),
    max: Math.max(...diffs),
  };
}

export function summarize(
  runs: Map<Mode, AnyFigures[]>,
  modes: Mode[],
  meta: Record<string, unknown>,
) {
  const agg = Object.fromEntries(
    modes.map(m => [m, spreadOf(runs.get(m)!, n => round(n))]),
    // the figures differ by mode (ours_empty has only the floor and its RSS): read loosely
  ) as Partial<Record<Mode, SpreadOf<AnyFigures> & Record<string, any>>>;
  const summary: Record<string, unknown> = { ...meta, ...agg };
  const { ours, roadie, roadie_password: password, ours_empty: empty } = agg;
  const m = (s: Spread | undefined) => s?.median;
  if (ours && roadie && password) {
    const ratio = (r: typeof roadie) => ({
      upstream_requests: ratioOf(
        r.upstream_per_lookup,
        ours.upstream_per_lookup,
      ),
      p50: ratioOf(r.p50_ms, ours.p50_ms),
      p99: ratioOf(r.p99_ms, ours.p99_ms),
      cpu_per_lookup: ratioOf(r.cpu_ms_per_lookup, ours.cpu_ms_per_lookup),
    });
    summary.ratio = ratio(roadie);
    summary.ratio_password = ratio(password);
  }
  const floor = ours?.floor;
  const rssOver = rssOverEmpty(runs);
  const cached = ours?.cached_json_mb as Spread | undefined;
  const status = ours?.portico_routes?.status;
  const open = ours?.watch_open as
    | { min: Record<string, Spread>; max: Record<string, Spread> }
    | undefined;
  const stall = ours
    ? Math.max(
        ours.event_loop_delay_ms.max.max,
        ours.event_loop_delay_ms_changes?.max?.max ?? Infinity,
      )
    : undefined;
  const ratios = {
    /** ours' status lookup CPU / the floor's (goal <= 1.25) */
    cpu_over_floor: over(
      m(status?.cpu_ms_per_lookup),
      m(floor?.cpu_ms_per_lookup),
    ),
    cpu_over_floor_entity_page: over(
      m(ours?.portico_routes?.entity_page?.cpu_ms_per_lookup),
      m(floor?.cpu_ms_per_lookup),
    ),
    /** RSS over the empty backend / cached JSON (goal <= 3) */
    rss_over_cached_json: over(m(rssOver), m(cached), 1),
    /** ours' card p99 / Roadie's (tokens) (goal <= 1/3) */
    p99_ours_over_roadie: over(m(ours?.p99_ms), m(roadie?.p99_ms)),
  };
  const le = (v: number | null | undefined, goal: number) =>
    typeof v === 'number' && Number.isFinite(v) && v <= goal;
  const goals = {
    freshness_api_p99_le_1000_ms: le(m(ours?.freshness_ms?.p99), 1000),
    freshness_browser_p99_le_2000_ms: le(
      m(ours?.freshness_browser_ms?.p99),
      2000,
    ),
    // the watch streams open at once per instance, sampled every second from ready to the end:
    // never more than one, and one was open (watch_open.min shows the gaps while it reconnects)
    one_watch_per_instance:
      !!open &&
      Object.keys(open.max).length > 0 &&
      Object.values(open.max).every(s => s.max === 1),
    upstream_per_lookup_le_0_01: le(m(ours?.upstream_per_lookup), 0.01),
    cpu_over_floor_le_1_25: le(ratios.cpu_over_floor, 1.25),
    rss_over_cached_json_le_3: le(ratios.rss_over_cached_json, 3),
    p99_le_third_of_roadie: le(ratios.p99_ours_over_roadie, 1 / 3),
    event_loop_stall_le_20_ms: le(stall, 20),
  };
  Object.assign(summary, {
    floor,
    floor_cpu_ms_per_lookup: m(floor?.cpu_ms_per_lookup) ?? null,
    freshness_ms: ours?.freshness_ms
      ? { p50: m(ours.freshness_ms.p50), p99: m(ours.freshness_ms.p99) }
      : null,
    freshness_browser_ms: ours?.freshness_browser_ms
      ? {
          p50: m(ours.freshness_browser_ms.p50),
          p99: m(ours.freshness_browser_ms.p99),
        }
      : null,
    watch_open: open ?? null,
    rss_over_empty_mb: rssOver ?? null,
    empty_rss_mb: empty?.rss_mb ?? null,
    cached_json_mb: cached ?? null,
    event_loop_stall_max_ms: stall ?? null,
    ratios,
    goals,
  });
  return { agg, summary };
}
