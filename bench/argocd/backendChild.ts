/*
 * One backend under test, in its own process (so its RSS and CPU are its own): Portico's
 * argocd-backend ("ours") or Roadie's argo-cd backend ("roadie"), started with createBackend()
 * beside the same framework for both: the real auth plugin (guest provider: the viewers' user
 * token), catalog plugin (the bench's entities from a file location; ours reads them through the
 * catalog service, over HTTP, with the viewer's credentials), the permission backend with
 * Portico's policy (so the catalog authorizes each read as in production, and both pay it), the
 * signals backend (the pages' push channel), the app backend serving packages/app/dist when
 * BENCH_APP_DIST is set (the browser freshness probe), and the floor plugin (floorPlugin.ts), with
 * the config file given by the parent (--config). The parent talks to it over IPC: it says
 * `ready`; answers `report` with its peak and current RSS, CPU time, log line count, event-loop
 * delay since the last report, and the `fields` of the Argo CD list calls the backend made
 * (cached_json_mb); `floor` sets the floor's constant body.
 */
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { createBackend } from '@backstage/backend-defaults';
import authPlugin from '@backstage/plugin-auth-backend';
import authModuleGuestProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionBackend from '@backstage/plugin-permission-backend';
import signalsPlugin from '@backstage/plugin-signals-backend';
import { permissionModulePorticoPolicy } from '@internal/plugin-permission-backend-module-portico';
import { benchFloorPlugin, setFloorBody } from './floorPlugin';
import { recordListFields } from './listFields';
import { resolvePluginTo } from './ref';

const kind = process.env.BENCH_BACKEND as 'ours' | 'roadie';

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
  const listFields = recordListFields();
  const backend = createBackend();
  // the same framework for both: sign-in and the catalog, as in a portal
  backend.add(authPlugin);
  backend.add(authModuleGuestProvider);
  backend.add(catalogPlugin);
  backend.add(permissionBackend);
  backend.add(permissionModulePorticoPolicy);
  backend.add(signalsPlugin);
  if (process.env.BENCH_APP_DIST)
    backend.add(import('@backstage/plugin-app-backend'));
  backend.add(benchFloorPlugin);
  if (kind === 'ours') {
    // BENCH_ARGOCD_REF (ref.ts): the plugin as it is at that commit
    const dir = process.env.BENCH_ARGOCD_PLUGIN_DIR;
    if (dir) resolvePluginTo(dir);
    // required here, after the resolution above (a static import would load it first)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { argocdPlugin } = require('@internal/plugin-argocd-backend');
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
        rssKb: Math.round(process.memoryUsage().rss / 1024),
        listFields: listFields(),
        cpuMs: (cpu.user + cpu.system) / 1000,
        logLines,
        loopDelayMs: {
          p99: loopDelay.percentile(99) / 1e6,
          max: loopDelay.max / 1e6,
        },
      });
      loopDelay.reset();
    }
    if (msg?.type === 'floor') {
      setFloorBody(msg.body);
      process.send!({ type: 'floor' });
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
