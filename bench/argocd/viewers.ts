/*
 * The bench's viewers: HTTP calls with the signed-in user's token (node:http, keep-alive, gzip:
 * ../lib/httpJson) and the loop of VIEWERS people looking up entities, thinking, and looking
 * again. A lookup that throws is an error: a status outside 2xx, a network error, or an answer
 * that is not what the page needs (validated by the lookup itself).
 */
import { requestJson } from '../lib/httpJson';
import { ENTITIES, SCALE, THINK_SIM_MS, TRACE, VIEWERS } from './settings';

export function pad(i: number) {
  return String(i).padStart(4, '0');
}

/** The instances svc-NNNN lives on (workload.ts): prod, staging, and dr for the first 500. */
export function expectedInstances(entity: number): number {
  return entity < 500 ? 3 : 2;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

export type GetJson = (url: string, post?: unknown) => Promise<any>;

/**
 * A viewer's client with `token` as bearer. A request on a kept-alive connection the server had
 * just closed (ECONNRESET before any answer) is sent again once, as browsers do; any other
 * network error, and every status outside 2xx, is an error.
 */
export function client(token: string): GetJson {
  const headers = { authorization: `Bearer ${token}` };
  return async (url, post) => {
    const once = async () => {
      const res = await requestJson(url, { headers, json: post });
      if (res.status < 200 || res.status >= 300)
        throw new Error(`${res.status} ${url}`);
      return res.body;
    };
    try {
      return await once();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ECONNRESET') throw e;
      return once();
    }
  };
}

export interface ViewersResult {
  latencies: number[];
  /** Failed lookups while measuring, and the first one's message. */
  errors: number;
  firstError?: string;
  /** Failed lookups during the warm-up (printed; they do not fail the bench). */
  warmupErrors: number;
}

/**
 * VIEWERS viewers, each looking up a random entity, waiting for the answer, thinking, and
 * repeating; they start spread over one think time, as people do. With `warmup`, they first run
 * for `warmup.seconds` unmeasured, then `warmup.atEnd()` runs (counters reset) and the
 * measured `realSeconds` follow without the viewers stopping (no artificial burst of 20
 * viewers starting at the same instant).
 */
export async function runViewers(
  label: string,
  lookup: (entity: number) => Promise<unknown>,
  realSeconds: number,
  warmup?: { seconds: number; atEnd: () => Promise<void> },
): Promise<ViewersResult> {
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
  let warmupErrors = 0;
  let firstError: string | undefined;
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
        } catch (e) {
          if (started >= measureFrom) {
            errors++;
            firstError ??= `svc-${pad(entity)}: ${(e as Error).message ?? e}`;
          } else {
            warmupErrors++;
          }
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
    `  ${label}: ${latencies.length} lookups, ${errors} errors${
      warmupErrors ? ` (${warmupErrors} in the warm-up)` : ''
    }${firstError ? `, first: ${firstError}` : ''}\n`,
  );
  return { latencies, errors, firstError, warmupErrors };
}
