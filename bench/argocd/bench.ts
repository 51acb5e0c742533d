/*
 * make bench NAME=argocd — Portico's argocd-backend against Roadie's argo-cd backend 4.8.0, the
 * same fake Argo CD (3 instances, 5,000 applications, username/password accounts: the local
 * platform's argocd peer with workload.ts), the same viewers, in one run. Each backend runs in
 * its own child process (backendChild.ts) so its peak RSS and CPU are its own; the fakes run in
 * another (platformChild.ts), the viewers here.
 *
 * Workload: 1,000 catalog entities `component:default/svc-NNNN` (annotation argocd/app-name:
 * svc-NNNN); svc-0000..0999 live on instances prod and staging, svc-0000..0499 also on dr, and
 * 2,500 other applications fill the instances to 2,000 / 2,000 / 1,000.
 *
 * A lookup is what Roadie's Argo CD card does for one entity page, unmodified, in backend mode:
 * GET /api/argocd/find/name/<app>, then GET /api/argocd/argoInstance/<i>/applications/name/<app>
 * for every instance found, in parallel. Both backends get exactly this sequence. (Ours also
 * answers Portico's batched POST /api/argocd/status; its latency is printed as an extra figure.)
 *
 * Time model: 2 minutes of SIMULATED time run in 120 / SCALE seconds of real time (SCALE = 1 by
 * default: the workload as stated, 2 real minutes per backend; BENCH_ARGOCD_SCALE=4 for a quick
 * run). Every period is scaled by the same factor: the refresh frequency (30 s simulated -> 7.5 s
 * real at 4) and each viewer's think time between lookups (1 s simulated -> 0.25 s real at 4), so
 * the ratio of refreshes to lookups is that of 2 real minutes; but a SCALE above 1 also multiplies
 * the request rate by SCALE, which on 2 cores inflates both backends' latency. 20 viewers each
 * look up a random entity, wait for the answer, think, and repeat; they start spread over one
 * think time (not all at the same instant). Upstream requests are every request a backend sends
 * to the fakes while the viewers run.
 * Each backend gets the same warm-up once it answers (ours: once its first snapshot is in; it
 * never calls Argo CD per viewer): the viewers run WARMUP_S real seconds unmeasured (JIT,
 * connections, first parses), then, without stopping, the 2 simulated minutes are measured.
 * Upstream requests are counted over those 2 minutes (`upstream_requests`, including the
 * scheduled refreshes and their logins); what a backend sent while starting (ours: one login +
 * one list per instance, more if the start is slow on a busy machine) is printed separately as
 * `upstream_before_viewers`. The viewers talk HTTP/1.1 with keep-alive and gzip (node:http).
 *
 * Also printed per backend: `event_loop_delay_ms` (p99 and max over the measured run, from
 * perf_hooks in the backend process). Knobs for looking closer: BENCH_ARGOCD_ONLY=ours|roadie
 * (one backend, no ratios), BENCH_ARGOCD_TRACE=1 (when the lookups over 20 ms happened),
 * BENCH_ARGOCD_CPU_PROF=<dir> (V8 CPU profiles of the backend process),
 * BENCH_ARGOCD_NODE_FLAGS="--flag ..." (Node/V8 flags for both backend processes alike).
 */
import { requestJson } from '../lib/httpJson';
import { Fakes, startBackend, startFakes } from './children';
import {
  ENTITIES,
  ONLY,
  REFRESH_SIM_S,
  SCALE,
  SIM_SECONDS,
  THINK_SIM_MS,
  TOKEN,
  TRACE,
  VIEWERS,
  WARMUP_S,
} from './settings';

function pad(i: number) {
  return String(i).padStart(4, '0');
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

const headers = { authorization: `Bearer ${TOKEN}` };

/**
 * One call of a viewer (node:http, keep-alive, gzip: ../lib/httpJson); a request on a kept-alive
 * connection the server had just closed (ECONNRESET before any answer) is sent again once, as
 * browsers do. Statuses from 400 on are errors.
 */
async function getJson(url: string, post?: unknown): Promise<any> {
  const once = async () => {
    const res = await requestJson(url, { headers, json: post });
    if (res.status >= 400) throw new Error(`${res.status} ${url}`);
    return res.body;
  };
  try {
    return await once();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ECONNRESET') throw e;
    return once();
  }
}

/** Roadie's card for one entity page (useAppDetails in backend mode). */
async function cardLookup(base: string, app: string): Promise<number> {
  const found: Array<{ name: string }> = await getJson(
    `${base}/api/argocd/find/name/${encodeURIComponent(app)}`,
  );
  const details = await Promise.all(
    found.map(i =>
      getJson(
        `${base}/api/argocd/argoInstance/${
          i.name
        }/applications/name/${encodeURIComponent(app)}`,
      ),
    ),
  );
  return details.length;
}

/**
 * VIEWERS viewers, each looking up a random entity, waiting for the answer, thinking, and
 * repeating; they start spread over one think time, as people do. With `warmup`, they first run
 * for `warmup.seconds` unmeasured, then `warmup.atEnd()` runs (counters reset) and the
 * measured `realSeconds` follow without the viewers stopping (no artificial burst of 20
 * viewers starting at the same instant).
 */
async function runViewers(
  label: string,
  lookup: (entity: number) => Promise<unknown>,
  realSeconds: number,
  warmup?: { seconds: number; atEnd: () => Promise<void> },
): Promise<{ latencies: number[]; errors: number }> {
  const latencies: number[] = [];
  /** BENCH_ARGOCD_TRACE=1: when slow lookups happened (ms since start, latency). */
  const slow: Array<[number, number]> = [];
  let measureFrom = Infinity;
  let end = Infinity;
  const startMeasuring = () => {
    measureFrom = performance.now();
    end = Date.now() + realSeconds * 1000;
  };
  if (warmup) {
    setTimeout(() => {
      warmup.atEnd().then(startMeasuring, e => {
        process.stderr.write(`warm-up end failed: ${e}\n`);
        process.exit(1);
      });
    }, warmup.seconds * 1000);
  } else {
    startMeasuring();
  }
  let errors = 0;
  const think = THINK_SIM_MS / SCALE;
  await Promise.all(
    Array.from({ length: VIEWERS }, async (_, v) => {
      const random = rng(1000 + v);
      await new Promise(r => setTimeout(r, random() * think));
      while (Date.now() < end) {
        const entity = Math.floor(random() * ENTITIES);
        const started = performance.now();
        try {
          await lookup(entity);
          const ms = performance.now() - started;
          if (started >= measureFrom) {
            latencies.push(ms);
            if (TRACE && ms > 20) slow.push([started - measureFrom, ms]);
          }
        } catch {
          if (started >= measureFrom) errors++;
        }
        await new Promise(r => setTimeout(r, think));
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  if (TRACE) {
    const bySecond = new Map<number, number[]>();
    for (const [at, ms] of slow) {
      const sec = Math.floor(at / 1000);
      bySecond.set(sec, [...(bySecond.get(sec) ?? []), Math.round(ms)]);
    }
    for (const [sec, list] of bySecond)
      process.stdout.write(`  slow lookups at ${sec} s: ${list.join(' ')}\n`);
  }
  process.stdout.write(
    `  ${label}: ${latencies.length} lookups, ${errors} errors\n`,
  );
  return { latencies, errors };
}

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

async function measure(kind: 'ours' | 'roadie', fakes: Fakes) {
  await fakes.reset();
  const started = Date.now();
  const child = await startBackend(kind, fakes);
  const base = `http://127.0.0.1:${child.port}`;
  try {
    // Ready when a lookup finds the app on both instances it lives on.
    for (let i = 0; ; i++) {
      try {
        const found = await getJson(`${base}/api/argocd/find/name/svc-0600`);
        if (found.length === 2) break;
      } catch {
        // not up yet
      }
      if (i > 600) throw new Error(`${kind}: never ready`);
      await new Promise(r => setTimeout(r, 100));
    }
    const readyMs = Date.now() - started;
    const realSeconds = SIM_SECONDS / SCALE;
    const before = (await upstreamOf(fakes)).total;
    process.stdout.write(
      `${kind}: ready after ${readyMs} ms; ${WARMUP_S} s of warm-up, then ${realSeconds.toFixed(
        1,
      )} s of viewers measured\n`,
    );
    // Warm-up, the same for both: the viewers run for WARMUP_S (JIT, connections, first
    // parses), then the counters start. Steady state is what a running portal sees.
    let cpuBefore = 0;
    let logsBefore = 0;
    const { latencies, errors } = await runViewers(
      kind,
      e => cardLookup(base, `svc-${pad(e)}`),
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
    let extra: { status_p50_ms?: number; status_p99_ms?: number } = {};
    if (kind === 'ours') {
      // Portico's own card: one batched POST for the entity (here one entity per page view),
      // 2 s of warm-up then 20 s measured, the same viewers
      const status = await runViewers(
        'ours, POST /api/argocd/status (1 entity)',
        e =>
          getJson(`${base}/api/argocd/status`, {
            entityRefs: [`component:default/svc-${pad(e)}`],
          }),
        20 / SCALE,
        { seconds: 2 / SCALE, atEnd: async () => {} },
      );
      extra = {
        status_p50_ms: +percentile(status.latencies, 50).toFixed(2),
        status_p99_ms: +percentile(status.latencies, 99).toFixed(2),
      };
    }
    const lookups = latencies.length;
    return {
      lookups,
      errors,
      upstream_requests: upstream.total,
      upstream_before_viewers: before,
      upstream_per_lookup: +(upstream.total / lookups).toFixed(4),
      upstream_by_route: upstream.byRoute,
      p50_ms: +percentile(latencies, 50).toFixed(2),
      p99_ms: +percentile(latencies, 99).toFixed(2),
      peak_rss_mb: +(report.maxRssKb / 1024).toFixed(1),
      cpu_ms_per_lookup: +((report.cpuMs - cpuBefore) / lookups).toFixed(3),
      log_lines_per_lookup: +((report.logLines - logsBefore) / lookups).toFixed(
        2,
      ),
      event_loop_delay_ms: {
        p99: +report.loopDelayMs.p99.toFixed(1),
        max: +report.loopDelayMs.max.toFixed(1),
      },
      ...extra,
    };
  } finally {
    await child.stop();
  }
}

async function main() {
  const fakes = await startFakes();
  process.stdout.write(
    `Fake Argo CD: ${fakes.instances
      .map(i => `${i.name} ${i.apps} apps`)
      .join(', ')}; ` +
      `${ENTITIES} entities, ${VIEWERS} viewers, ${SIM_SECONDS} s simulated at 1:${SCALE}, ` +
      `refresh every ${REFRESH_SIM_S} s simulated, think time ${THINK_SIM_MS} ms simulated\n`,
  );
  try {
    if (ONLY) {
      // a quick look at one backend (BENCH_ARGOCD_ONLY=ours|roadie); no ratios
      process.stdout.write(`${JSON.stringify(await measure(ONLY, fakes))}\n`);
      return;
    }
    const roadie = await measure('roadie', fakes);
    const ours = await measure('ours', fakes);
    const { upstream_by_route: roadieRoutes, ...roadieFigures } = roadie;
    const { upstream_by_route: oursRoutes, ...oursFigures } = ours;
    const line = (name: string, r: typeof roadie) =>
      `${name.padEnd(7)} lookups ${r.lookups}  upstream ${
        r.upstream_requests
      } (${r.upstream_per_lookup}/lookup)  ` +
      `p50 ${r.p50_ms} ms  p99 ${r.p99_ms} ms  peak RSS ${r.peak_rss_mb} MB  ` +
      `CPU ${r.cpu_ms_per_lookup} ms/lookup  logs ${r.log_lines_per_lookup}/lookup`;
    process.stdout.write(
      `\n${line('roadie', roadie)}\n  upstream by route: ${JSON.stringify(
        roadieRoutes,
      )}\n`,
    );
    process.stdout.write(
      `${line('ours', ours)}\n  upstream by route: ${JSON.stringify(
        oursRoutes,
      )}\n`,
    );
    process.stdout.write(
      `ours, batched status API: p50 ${ours.status_p50_ms} ms, p99 ${ours.status_p99_ms} ms\n`,
    );
    const ratio = {
      upstream_requests: +(
        roadie.upstream_per_lookup / ours.upstream_per_lookup
      ).toFixed(1),
      p99: +(roadie.p99_ms / ours.p99_ms).toFixed(1),
    };
    process.stdout.write(
      `ratio (Roadie / ours): upstream requests per lookup ${ratio.upstream_requests}x, p99 ${ratio.p99}x\n`,
    );
    process.stdout.write(
      `${JSON.stringify({
        ours: oursFigures,
        roadie: roadieFigures,
        ratio,
      })}\n`,
    );
  } finally {
    await fakes.stop();
  }
}

main().catch(e => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
