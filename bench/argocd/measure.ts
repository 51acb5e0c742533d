/*
 * One measured run of one backend (see bench.ts for the workload and time model): start it, sign
 * in as the bench's catalog User, wait for the catalog and for the first lookup that finds an
 * application on both its instances, warm up, measure the card's lookups, and (ours) Portico's
 * own routes; then stop it. Every figure of the run is returned; the bench fails on `errors`.
 */
import { waitFor } from '@internal/plugin-portico-node/testUtils';
import { Fakes, startBackend } from './children';
import { catalogSettled, signIn } from './signIn';
import { ENTITIES, Mode, SCALE, SIM_SECONDS, WARMUP_S } from './settings';
import {
  GetJson,
  client,
  expectedInstances,
  pad,
  percentile,
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

/** An answer of Portico's routes for svc-NNNN must hold its applications from the catalog entity. */
function checkPortico(
  entity: number,
  answer: { state?: string; applications?: unknown[] } | undefined,
) {
  if (
    answer?.state !== 'ok' ||
    answer.applications?.length !== expectedInstances(entity)
  )
    throw new Error(
      `state ${answer?.state}, ${answer?.applications?.length} applications`,
    );
}

const ms = (sorted: number[], p: number) => +percentile(sorted, p).toFixed(2);

async function upstreamOf(fakes: Fakes) {
  const byRoute: Record<string, number> = {};
  let total = 0;
  for (const counts of Object.values(await fakes.counts())) {
    for (const [k, v] of Object.entries(counts)) {
      byRoute[k] = (byRoute[k] ?? 0) + v;
      total += v;
    }
  }
  return { total, byRoute };
}

/**
 * Portico's own routes, the same viewers: 2 s of warm-up then 20 s measured (simulated), the
 * fakes' requests counted over the measured part.
 */
async function porticoRoutes(get: GetJson, base: string, fakes: Fakes) {
  const upstream: number[] = [];
  const run = async (label: string, lookup: (e: number) => Promise<void>) => {
    const result = await runViewers(label, lookup, 20 / SCALE, {
      seconds: 2 / SCALE,
      atEnd: () => fakes.reset(),
    });
    upstream.push((await upstreamOf(fakes)).total);
    return result;
  };
  // the catalog column's batched status, one entity per page view
  const status = await run(
    'ours, POST /api/argocd/status (1 entity)',
    async e => {
      const ref = `component:default/svc-${pad(e)}`;
      const body = await get(`${base}/api/argocd/status`, {
        entityRefs: [ref],
      });
      checkPortico(e, body?.items?.[ref]);
    },
  );
  // the entity page's deployment card
  const page = await run(
    'ours, GET /api/argocd/entities/component/default/<name>',
    async e =>
      checkPortico(
        e,
        await get(
          `${base}/api/argocd/entities/component/default/svc-${pad(e)}`,
        ),
      ),
  );
  const figures = (r: ViewersResult, i: number) => ({
    lookups: r.latencies.length,
    upstream_per_lookup: +(upstream[i] / r.latencies.length).toFixed(4),
    p50_ms: ms(r.latencies, 50),
    p99_ms: ms(r.latencies, 99),
  });
  return {
    results: [status, page],
    figures: { status: figures(status, 0), entity_page: figures(page, 1) },
  };
}

export async function measure(mode: Mode, fakes: Fakes) {
  await fakes.reset();
  const started = Date.now();
  const child = await startBackend(mode, fakes);
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
    // Ready when a lookup finds the app on both instances it lives on.
    await waitFor(
      `${mode}: svc-0600 on 2 instances`,
      async () =>
        (await get(`${base}/api/argocd/find/name/svc-0600`)).length === 2,
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    const readyMs = Date.now() - started;
    const realSeconds = SIM_SECONDS / SCALE;
    const before = (await upstreamOf(fakes)).total;
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
          await fakes.reset();
          ({ cpuMs: cpuBefore, logLines: logsBefore } = await child.report());
        },
      },
    );
    const report = await child.report();
    const upstream = await upstreamOf(fakes);
    const own =
      mode === 'ours' ? await porticoRoutes(get, base, fakes) : undefined;
    const failed = [card, ...(own?.results ?? [])].filter(r => r.errors);
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
        peak_rss_mb: +(report.maxRssKb / 1024).toFixed(1),
        cpu_ms_per_lookup: +((report.cpuMs - cpuBefore) / lookups).toFixed(3),
        log_lines_per_lookup: +(
          (report.logLines - logsBefore) /
          lookups
        ).toFixed(2),
        event_loop_delay_ms: {
          p99: +report.loopDelayMs.p99.toFixed(1),
          max: +report.loopDelayMs.max.toFixed(1),
        },
        ready_ms: readyMs,
        ...(own ? { portico_routes: own.figures } : {}),
      },
    };
  } finally {
    await child.stop();
  }
}

export type Measured = Awaited<ReturnType<typeof measure>>;
