/*
 * One measured run of one backend (see bench.ts for the workload and time model): start it, sign
 * in as the bench's catalog User, wait for the catalog and for the first lookup that finds an
 * application on both its instances, warm up, measure the card's lookups, and (ours) Portico's
 * own routes, the floor, freshness and memory; `ours_empty` (no Argo CD instance) only the floor
 * and its RSS. Then stop it. Every figure of the run is returned; the bench fails on `errors`.
 */
import { waitFor } from '@internal/plugin-portico-node/testUtils';
import { Child, ChildReport, Fakes, startBackend } from './children';
import { browserFreshness, BrowserProbe } from './browserFreshness';
import { apiFreshness } from './freshness';
import { cachedJsonMb } from './memory';
import {
  floorLookup,
  measureRoute,
  ms,
  porticoRoutes,
  refOf,
} from './porticoRoutes';
import { catalogSettled, signIn } from './signIn';
import { ENTITIES, Mode, SCALE, SIM_SECONDS, WARMUP_S } from './settings';
import { sampleOpenWatches, UpstreamTally } from './upstream';
import {
  GetJson,
  client,
  expectedInstances,
  pad,
  runViewers,
  ViewersResult,
} from './viewers';

/**
 * Roadie's card for one entity page (useAppDetails in backend mode), unmodified: find the
 * instances, then the application on each in parallel. Finding fewer instances than the
 * application lives on (Roadie drops an instance whose call failed) is an error.
 */
async function cardLookup(get: GetJson, base: string, entity: number) {
  const app = `svc-${pad(entity)}`;
  const found: Array<{ name: string }> = await get(
    `${base}/api/argocd/find/name/${encodeURIComponent(app)}`,
  );
  if (found.length !== expectedInstances(entity))
    throw new Error(`found on ${found.length} instances`);
  const details = await Promise.all(
    found.map(i =>
      get(
        `${base}/api/argocd/argoInstance/${
          i.name
        }/applications/name/${encodeURIComponent(app)}`,
      ),
    ),
  );
  if (details.some(d => d?.metadata?.name !== app))
    throw new Error(`an instance answered another application`);
}

const delay = (r: ChildReport) => ({
  p99: +r.loopDelayMs.p99.toFixed(1),
  max: +r.loopDelayMs.max.toFixed(1),
});

const mb = (kb: number) => +(kb / 1024).toFixed(1);

/** What runs share: the floor's body (ours' status answer) and the browser probe. */
export interface RunContext {
  run: number;
  floorBody?: string;
  browser?: BrowserProbe;
}

/** The floor's constant body: a status answer for svc-0600 (ours: 2 applications). */
async function floorBodyFrom(get: GetJson, base: string) {
  const answer = await get(`${base}/api/argocd/status`, {
    entityRefs: [refOf(600)],
  });
  return JSON.stringify(answer);
}

/**
 * ours_empty: after the catalog settled, floor lookups as a warm-up for WARMUP_S plus up to 60
 * s (the catalog's start-up garbage collected, as it is for ours after its card run), the floor
 * measured, then the RSS of a backend holding no application.
 */
async function measureEmpty(
  get: GetJson,
  base: string,
  child: Child,
  tally: UpstreamTally,
  ctx: RunContext,
  readyMs: number,
) {
  await child.setFloor(ctx.floorBody ?? (await floorBodyFrom(get, base)));
  await runViewers(
    'ours_empty, floor (warm-up)',
    floorLookup(get, base),
    WARMUP_S + Math.min(60, SIM_SECONDS / SCALE),
  );
  const floor = await measureRoute(
    'ours_empty, floor POST /api/benchfloor/status',
    floorLookup(get, base),
    child,
    tally,
  );
  const report = await child.report();
  return {
    errors: floor.result.errors,
    firstError: floor.result.firstError,
    upstreamByRoute: {},
    figures: {
      floor: floor.figures,
      rss_mb: mb(report.rssKb),
      peak_rss_mb: mb(report.maxRssKb),
      ready_ms: readyMs,
    },
  };
}

export async function measure(mode: Mode, fakes: Fakes, ctx: RunContext) {
  const tally = await UpstreamTally.start(fakes);
  const started = Date.now();
  const child = await startBackend(mode, fakes, ctx.browser?.served);
  const base = `http://127.0.0.1:${child.port}`;
  try {
    // retried until the catalog holds the User (before, the token would lack its groups)
    const token = await waitFor(
      `${mode}: the catalog User's sign-in`,
      () => signIn(base),
      { timeoutMs: 120_000, intervalMs: 250 },
    );
    await waitFor(
      `${mode}: the catalog's ${ENTITIES} components, stitched to their owners`,
      () => catalogSettled(base, token, ENTITIES),
      { timeoutMs: 180_000, intervalMs: 250 },
    );
    const get = client(token);
    if (mode === 'ours_empty')
      return await measureEmpty(
        get,
        base,
        child,
        tally,
        ctx,
        Date.now() - started,
      );
    // Ready when a lookup finds the app on both instances it lives on.
    await waitFor(
      `${mode}: svc-0600 on 2 instances`,
      async () =>
        (await get(`${base}/api/argocd/find/name/svc-0600`)).length === 2,
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    const readyMs = Date.now() - started;
    const watches = mode === 'ours' ? sampleOpenWatches(fakes) : undefined;
    const realSeconds = SIM_SECONDS / SCALE;
    const before = (await tally.take()).total;
    process.stdout.write(
      `${mode}: ready after ${readyMs} ms; ${WARMUP_S} s of warm-up, then ${realSeconds.toFixed(
        1,
      )} s of viewers measured\n`,
    );
    // Warm-up, the same for all: the viewers run for WARMUP_S (JIT, connections, first
    // parses), then the counters start. Steady state is what a running portal sees.
    let cpuBefore = 0;
    let logsBefore = 0;
    const card = await runViewers(
      mode,
      e => cardLookup(get, base, e),
      realSeconds,
      {
        seconds: WARMUP_S,
        atEnd: async () => {
          await tally.take();
          ({ cpuMs: cpuBefore, logLines: logsBefore } = await child.report());
        },
      },
    );
    const report = await child.report();
    const upstream = await tally.take();
    const ours =
      mode === 'ours'
        ? await oursExtras(get, base, child, fakes, tally, ctx)
        : undefined;
    const failed: ViewersResult[] = [card, ...(ours?.results ?? [])].filter(
      r => r.errors,
    );
    const { latencies } = card;
    const lookups = latencies.length;
    return {
      errors: failed.reduce((n, r) => n + r.errors, 0),
      firstError: failed[0]?.firstError,
      upstreamByRoute: upstream.byRoute,
      figures: {
        lookups,
        upstream_requests: upstream.total,
        upstream_before_viewers: before,
        upstream_per_lookup: +(upstream.total / lookups).toFixed(4),
        p50_ms: ms(latencies, 50),
        p99_ms: ms(latencies, 99),
        peak_rss_mb: mb(report.maxRssKb),
        rss_mb: mb(report.rssKb),
        cpu_ms_per_lookup: +((report.cpuMs - cpuBefore) / lookups).toFixed(3),
        log_lines_per_lookup: +(
          (report.logLines - logsBefore) /
          lookups
        ).toFixed(2),
        event_loop_delay_ms: delay(report),
        ready_ms: readyMs,
        ...(ours?.figures ?? {}),
        ...(watches ? { watch_open: await watches() } : {}),
      },
    };
  } finally {
    await child.stop();
  }
}

/**
 * Ours beyond the card: Portico's routes and the floor, freshness through the status API and in
 * the browser (with the event-loop delay while those changes are applied), the list and watch
 * calls per instance over the backend's life, and the cached applications' JSON size.
 */
async function oursExtras(
  get: GetJson,
  base: string,
  child: Child,
  fakes: Fakes,
  tally: UpstreamTally,
  ctx: RunContext,
) {
  ctx.floorBody = await floorBodyFrom(get, base);
  await child.setFloor(ctx.floorBody);
  const own = await porticoRoutes(get, base, child, tally);
  await child.report(); // the event-loop delay from here
  const first = (ctx.run * 61) % 500;
  const freshness = await apiFreshness(get, base, fakes, first);
  // the delay while the changes were applied (the browser's page load comes after: the backend
  // then also serves and compresses the app's bundles, which is not the Argo CD plugin's doing)
  const changes = await child.report();
  const browser = ctx.browser
    ? await browserFreshness(ctx.browser, base, fakes, first + 250)
    : undefined;
  const report = await child.report();
  await tally.take();
  const cached = await cachedJsonMb(fakes, report.listFields);
  return {
    results: own.results,
    figures: {
      portico_routes: own.figures,
      floor: own.floor,
      freshness_ms: freshness,
      ...(browser ? { freshness_browser_ms: browser } : {}),
      event_loop_delay_ms_changes: delay(changes),
      ...(browser ? { event_loop_delay_ms_browser: delay(report) } : {}),
      upstream_calls: {
        list: tally.perInstance('list'),
        watch: tally.perInstance('watch'),
      },
      ...(cached === null ? {} : { cached_json_mb: cached }),
    },
  };
}
