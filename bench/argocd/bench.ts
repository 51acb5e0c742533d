/*
 * make bench NAME=argocd — Portico's argocd-backend against Roadie's argo-cd backend 4.8.0, the
 * same fake Argo CD (3 instances, 5,000 applications: the local platform's argocd peer with
 * workload.ts), the same viewers, in one run. Each backend runs in its own child process
 * (backendChild.ts) so its peak RSS and CPU are its own; the fakes run in another
 * (platformChild.ts), the viewers here.
 *
 * As in production: both backends call Argo CD with the instances' tokens (the headline); Roadie
 * is also measured with username/password (`roadie_password`: it logs in before every call),
 * reported beside it. Both run beside the real auth and catalog plugins; the viewers sign in as
 * the catalog User user:default/bench-viewer (guest provider, signIn.ts) and send its token.
 * RUNS (3) runs of each, interleaved (roadie, roadie_password, ours, then again), each with a
 * fresh backend; the figures are the median and range over the runs. A lookup that fails (a
 * status outside 2xx, a network error, or an answer without the entity's applications) fails
 * the bench: it stops, says which, and prints no figures.
 *
 * Workload: 1,000 catalog entities `component:default/svc-NNNN` (annotation argocd/app-name:
 * svc-NNNN, catalog.ts, read by the catalog from a file); svc-0000..0999 live on instances prod
 * and staging, svc-0000..0499 also on dr, and 2,500 other applications fill the instances to
 * 2,000 / 2,000 / 1,000.
 *
 * A lookup is what Roadie's Argo CD card does for one entity page, unmodified, in backend mode:
 * GET /api/argocd/find/name/<app>, then GET /api/argocd/argoInstance/<i>/applications/name/<app>
 * for every instance found, in parallel. Both backends get exactly this sequence. Ours is also
 * measured on Portico's own routes, which read the entity from the catalog with the viewer's
 * credentials: the batched POST /api/argocd/status (one entity) and the entity page's
 * GET /api/argocd/entities/component/default/<name> (`portico_routes`).
 *
 * Time model: 2 minutes of SIMULATED time run in 120 / SCALE seconds of real time (SCALE = 1 by
 * default: the workload as stated, 2 real minutes per backend; BENCH_ARGOCD_SCALE=4 for a quick
 * run). Every period is scaled by the same factor: ours' safety resync with the watch (60 s
 * simulated -> 15 s real at 4; the plugin's default is 10 min, shortened so lists are applied in
 * the measured run), its poll without the watch (30 s simulated), the fake's health flips and each
 * viewer's think time between lookups (1 s simulated -> 0.25 s real at 4), so the ratio of
 * upstream calls to lookups is that of 2 real minutes; but a SCALE above 1 also multiplies
 * the request rate by SCALE, which on 2 cores inflates both backends' latency. 20 viewers each
 * look up a random entity, wait for the answer, think, and repeat; they start spread over one
 * think time (not all at the same instant). Upstream requests are every request a backend sends
 * to the fakes while the viewers run.
 * Each backend gets the same warm-up once it answers: the viewer signed in, the catalog holding
 * the entities stitched to their owners (its first processing done), a lookup finding svc-0600
 * on both its instances (ours: its first list is in and its watches open; it never calls Argo
 * CD per card lookup). Then the viewers run WARMUP_S real seconds unmeasured (JIT,
 * connections, first parses), then, without stopping, the 2 simulated minutes are measured.
 * Upstream requests are counted over those 2 minutes (`upstream_requests`, including the
 * resyncs, and Roadie's logins in password mode); what a backend sent while starting
 * (ours: one list and one watch per instance, more if the start is slow) is printed as
 * `upstream_before_viewers`. The viewers talk HTTP/1.1 with keep-alive and gzip (node:http).
 *
 * Also printed per backend: `event_loop_delay_ms` (p99 and max over the measured run, from
 * perf_hooks in the backend process). Knobs for looking closer:
 * BENCH_ARGOCD_ONLY=ours|roadie|roadie_password (one backend, no ratios), BENCH_ARGOCD_RUNS=n,
 * BENCH_ARGOCD_FAULT=<instance>:<kind> (an instance failing from the start: the bench fails),
 * BENCH_ARGOCD_TRACE=1 (when the lookups over 20 ms happened),
 * BENCH_ARGOCD_CPU_PROF=<dir> (V8 CPU profiles of the backend process),
 * BENCH_ARGOCD_NODE_FLAGS="--flag ..." (Node/V8 flags for both backend processes alike),
 * BENCH_ARGOCD_QUICK=1 (a quick look: settings.ts), BENCH_ARGOCD_BROWSER=0 (no browser probe).
 *
 * Issue 16's goals, measured in the same run (summary.ts prints them and `goals`):
 *  - all backends run the permission backend with Portico's policy and the signals backend;
 *  - floor: ours' backend also runs a constant route of the status answer's size through the
 *    same middleware (floorPlugin.ts, porticoRoutes.ts): `floor`, `floor_cpu_ms_per_lookup`
 *    and ours' status lookup CPU over it;
 *  - freshness: health changes in the fake until the status API shows them (freshness.ts) and
 *    until the real app's open entity page does in Chromium (browserFreshness.ts);
 *  - memory: ours' RSS after the card run minus that of `ours_empty` (no instance, same
 *    catalog, after the floor's run and the same warm-up), over the JSON of the applications it
 *    lists (memory.ts);
 *  - upstream: list and watch calls per instance over the backend's life (upstream.ts);
 *  - tail: ours' p99 over Roadie's, the event-loop delay's max over the card run and over the
 *    freshness changes.
 */
import { startBrowserProbe } from './browserFreshness';
import { startFakes } from './children';
import { measure, RunContext } from './measure';
import {
  ENTITIES,
  FAULT,
  MODES,
  Mode,
  ONLY,
  QUICK,
  REFRESH_SIM_S,
  RUNS,
  SCALE,
  SIM_SECONDS,
  THINK_SIM_MS,
  VIEWERS,
} from './settings';
import { pluginAtRef } from './ref';
import { summarize } from './summary';
import type { Spread } from '../lib/stats';

type Figures = Record<string, any>;

function line(name: string, r: Figures) {
  if (name === 'ours_empty')
    return (
      `${name.padEnd(15)} floor p50 ${r.floor.p50_ms} ms  p99 ${
        r.floor.p99_ms
      } ms  ` + `CPU ${r.floor.cpu_ms_per_lookup} ms/lookup  RSS ${r.rss_mb} MB`
    );
  return (
    `${name.padEnd(15)} lookups ${r.lookups}  upstream ${
      r.upstream_requests
    } (${r.upstream_per_lookup}/lookup)  ` +
    `p50 ${r.p50_ms} ms  p99 ${r.p99_ms} ms  peak RSS ${r.peak_rss_mb} MB  RSS ${r.rss_mb} MB  ` +
    `CPU ${r.cpu_ms_per_lookup} ms/lookup  logs ${r.log_lines_per_lookup}/lookup  ` +
    `loop delay max ${r.event_loop_delay_ms.max} ms`
  );
}

const range = (r: Spread) => `${r.median} [${r.min}..${r.max}]`;

async function main() {
  const fakes = await startFakes();
  process.stdout.write(
    `Fake Argo CD: ${fakes.instances
      .map(i => `${i.name} ${i.apps} apps`)
      .join(', ')}; ` +
      `${ENTITIES} entities, ${VIEWERS} viewers, ${SIM_SECONDS} s simulated at 1:${SCALE}, ` +
      `refresh every ${REFRESH_SIM_S} s simulated, think time ${THINK_SIM_MS} ms simulated, ` +
      `${RUNS} runs of each${QUICK ? ' (BENCH_ARGOCD_QUICK)' : ''}\n`,
  );
  const at = pluginAtRef();
  if (at)
    process.stdout.write(
      `BENCH_ARGOCD_REF: Portico's argocd-backend at ${at.sha} (not the working tree)\n`,
    );
  const browser = await startBrowserProbe();
  try {
    if (FAULT) {
      const [instance, kind] = FAULT.split(':');
      await fakes.fault(instance, kind);
      process.stdout.write(
        `BENCH_ARGOCD_FAULT: ${instance} answers '${kind}'\n`,
      );
    }
    const modes: Mode[] = ONLY ? [ONLY] : MODES;
    const runs = new Map<Mode, Figures[]>(modes.map(m => [m, []]));
    const ctx: RunContext = { run: 0, browser };
    for (let run = 1; run <= RUNS; run++) {
      ctx.run = run;
      for (const mode of modes) {
        process.stdout.write(`\nrun ${run}/${RUNS}: ${mode}\n`);
        const m = await measure(mode, fakes, ctx);
        if (m.errors > 0)
          throw new Error(
            `${mode}, run ${run}: ${m.errors} measured lookups failed (first: ${m.firstError}); ` +
              `a run with errors gives no figures`,
          );
        runs.get(mode)!.push(m.figures);
        const f: Figures = m.figures;
        process.stdout.write(
          `${line(mode, f)}\n  upstream by route: ${JSON.stringify(
            m.upstreamByRoute,
          )}\n`,
        );
        for (const key of [
          'portico_routes',
          'floor',
          'freshness_ms',
          'freshness_browser_ms',
          'event_loop_delay_ms_changes',
          'event_loop_delay_ms_browser',
          'upstream_calls',
          'cached_json_mb',
        ])
          if (f[key] !== undefined && mode !== 'ours_empty')
            process.stdout.write(`  ${key}: ${JSON.stringify(f[key])}\n`);
      }
    }
    const { agg, summary } = summarize(runs, modes, {
      runs: RUNS,
      scale: SCALE,
      quick: QUICK,
      ...(at ? { argocd_backend_ref: at.sha } : {}),
    });
    process.stdout.write(`\nmedian [min..max] over ${RUNS} runs\n`);
    for (const m of modes) {
      const a = agg[m]!;
      if (m === 'ours_empty') {
        process.stdout.write(`${m.padEnd(15)} RSS ${range(a.rss_mb)} MB\n`);
        continue;
      }
      process.stdout.write(
        `${m.padEnd(15)} p50 ${range(a.p50_ms)} ms  p99 ${range(
          a.p99_ms,
        )} ms  upstream/lookup ${range(a.upstream_per_lookup)}  ` +
          `CPU ${range(a.cpu_ms_per_lookup)} ms/lookup  peak RSS ${range(
            a.peak_rss_mb,
          )} MB\n`,
      );
    }
    for (const key of [
      'ratio',
      'ratio_password',
      'floor_cpu_ms_per_lookup',
      'freshness_ms',
      'freshness_browser_ms',
      'rss_over_empty_mb',
      'cached_json_mb',
      'event_loop_stall_max_ms',
      'ratios',
      'goals',
    ])
      process.stdout.write(`${key}: ${JSON.stringify(summary[key])}\n`);
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } finally {
    await browser?.close();
    await fakes.stop();
  }
}

main().catch(e => {
  process.stderr.write(`bench/argocd FAILED: ${e?.message ?? e}\n`);
  if (process.env.BENCH_DEBUG) process.stderr.write(`${e?.stack}\n`);
  process.exit(1);
});
