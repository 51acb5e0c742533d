/*
 * One backend under test, in its own process (so its RSS and CPU are its own): Portico's
 * argocd-backend ("ours") or Roadie's argo-cd backend ("roadie"), started with createBackend()
 * and the config file given by the parent (--config). The parent talks to it over IPC:
 * it says `ready`, and answers `report` with its peak RSS, CPU time and log line count.
 */
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { createBackend } from '@backstage/backend-defaults';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { argocdPlugin } from '@internal/plugin-argocd-backend';

const kind = process.env.BENCH_BACKEND as 'ours' | 'roadie';
const entityCount = Number(process.env.BENCH_ENTITIES ?? 1000);

let logLines = 0;
const writeErr = process.stderr.write.bind(process.stderr);
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream);
  stream.write = ((chunk: any, ...rest: any[]) => {
    logLines += String(chunk).split('\n').length - 1;
    if (process.env.BENCH_DEBUG) return write(chunk, ...rest);
    const cb = rest.find(r => typeof r === 'function');
    if (cb) cb();
    return true;
  }) as typeof stream.write;
}

/** The 1,000 catalog entities, fed straight to the plugin (no catalog backend in the bench). */
function benchEntities(): Map<string, Entity> {
  const map = new Map<string, Entity>();
  for (let i = 0; i < entityCount; i++) {
    const name = `svc-${String(i).padStart(4, '0')}`;
    map.set(`component:default/${name}`, {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        namespace: 'default',
        annotations: { 'argocd/app-name': name },
      },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: `group:default/team-${i % 20}`,
      },
    });
  }
  return map;
}

/** BENCH_ARGOCD_TRACE=1: print event-loop stalls over 25 ms and GC pauses over 10 ms (stderr). */
function traceStalls() {
  const t0 = performance.now();
  const at = () => ((performance.now() - t0) / 1000).toFixed(2);
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) {
      if (e.duration > 10)
        writeErr(
          `  [${kind}] gc ${e.duration.toFixed(1)} ms (kind ${
            (e as any).detail?.kind
          }) at ${at()} s\n`,
        );
    }
  }).observe({ entryTypes: ['gc'] });
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    if (now - last > 25)
      writeErr(
        `  [${kind}] event loop stalled ${(now - last).toFixed(
          0,
        )} ms at ${at()} s\n`,
      );
    last = now;
  }, 2).unref();
}

async function main() {
  const backend = createBackend();
  if (kind === 'ours') {
    const entities = benchEntities();
    backend.add(
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () =>
          ({
            async getEntityByRef(ref: string) {
              return entities.get(ref);
            },
            async getEntitiesByRefs(req: { entityRefs: string[] }) {
              return { items: req.entityRefs.map(r => entities.get(r)) };
            },
          } as any),
      }),
    );
    backend.add(argocdPlugin);
  } else {
    backend.add(import('@roadiehq/backstage-plugin-argo-cd-backend'));
  }
  await backend.start();
  if (process.env.BENCH_ARGOCD_TRACE) traceStalls();
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  process.send!({ type: 'ready' });
  process.on('message', (msg: any) => {
    if (msg?.type === 'report') {
      const cpu = process.cpuUsage();
      process.send!({
        type: 'report',
        maxRssKb: process.resourceUsage().maxRSS,
        cpuMs: (cpu.user + cpu.system) / 1000,
        logLines,
        loopDelayMs: {
          p99: loopDelay.percentile(99) / 1e6,
          max: loopDelay.max / 1e6,
        },
      });
      loopDelay.reset();
    }
    if (msg?.type === 'stop') {
      backend.stop().finally(() => process.exit(0));
    }
  });
}

main().catch(e => {
  writeErr(`${kind} backend failed: ${e?.stack ?? e}\n`);
  process.exit(1);
});
