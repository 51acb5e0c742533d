/*
 * make bench NAME=observability — see run.sh. Everything runs in this process except Prometheus:
 * the exporter (Node http), the real Prometheus 2.42 (child process, scrape every 1 s, with 2 hours
 * of history backfilled at 15 s before it starts) and a real Backstage backend (createBackend)
 * with the observability plugin, reached over HTTP with a static service token like any caller.
 *
 * Two services: `storefront` with 20 pods (the headline `ratio`: Prometheus sums 20 series per
 * query, as for a real production service) and `checkout` with one pod (`one_pod`: the smallest
 * query there is, where the proxy's fixed cost per request weighs most). The proxy's overhead is
 * the same for both (its answer has the same 3 series); only Prometheus' work differs.
 */
import { createBackend } from '@backstage/backend-defaults';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { observabilityPlugin } from '../../plugins/observability-backend/src';
import { defaultTemplates } from '../../plugins/observability-backend/src/query/defaultTemplates';
import { LabelSelector } from '../../plugins/observability-backend/src/query/LabelSelector';
import { renderTemplate } from '../../plugins/observability-backend/src/query/renderTemplate';
import { requestJson } from '../lib/httpJson';
import {
  backfillHistory,
  EXPORTED_SERVICES,
  type ExportedService,
  freePort,
  startMetricsExporter,
  startPrometheus,
} from '../../plugins/observability-backend/src/testing';

const REQUESTS = Number(process.env.BENCH_OBS_REQUESTS ?? 300);
const VIEWERS = 50;
const REFRESHES = 5;
const TOKEN = 'bench-observability-static-token-0123456789';
const RATE_WINDOW = 60;
/** A service the size production services often are: 20 pods behind one app label. */
const STOREFRONT: ExportedService = {
  ...EXPORTED_SERVICES.checkout,
  app: 'storefront',
  replicas: 20,
};
const SERVICES = [...Object.values(EXPORTED_SERVICES), STOREFRONT];

function entity(name: string, app: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/kubernetes-namespace': 'shop',
        'backstage.io/kubernetes-id': app,
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/team-a',
    },
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

async function prometheusQueryCount(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    const m =
      /^prometheus_http_requests_total\{[^}]*handler="\/api\/v1\/(query|query_range)"[^}]*\} (\S+)$/.exec(
        line,
      );
    if (m) total += Number(m[2]);
  }
  return total;
}

async function main() {
  // A service that has been running: the last 2 hours backfilled at a 15 s scrape interval
  // (Prometheus' usual), so the 1-hour range query reads a full hour of samples as it would in a
  // cluster, not the few seconds scraped since the bench started.
  const started = Math.floor(Date.now() / 1000);
  const clock = { origin: started - 3 * 3600 };
  const exporter = await startMetricsExporter(SERVICES, 0, clock);
  const prometheus = await startPrometheus({
    targets: [`127.0.0.1:${exporter.port}`],
    minSamples: 5,
    beforeStart: dataDir =>
      backfillHistory({
        services: SERVICES,
        clock,
        from: started - 2 * 3600,
        to: started - 5,
        steps: [[2 * 3600, 15]],
        dataDir,
      }),
  });
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const entities = new Map<string, Entity>();
  for (const e of [
    entity('checkout', 'checkout'),
    entity('storefront', 'storefront'),
    ...Array.from({ length: REFRESHES + 1 }, (_, i) =>
      entity(`viewers-${i}`, 'payments'),
    ),
  ]) {
    entities.set(`component:default/${e.metadata.name}`, e);
  }

  const backend = createBackend();
  backend.add(
    mockServices.rootConfig.factory({
      data: {
        backend: {
          baseUrl,
          listen: { port, host: '127.0.0.1' },
          database: { client: 'better-sqlite3', connection: ':memory:' },
          auth: {
            externalAccess: [
              { type: 'static', options: { token: TOKEN, subject: 'bench' } },
            ],
          },
        },
        observability: {
          prometheus: { url: prometheus.url, timeout: 10 },
          limits: { minStepSeconds: 1 },
          minRateWindowSeconds: RATE_WINDOW,
          cache: { ttlSeconds: 15 },
        },
      },
    }),
  );
  backend.add(
    createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () =>
        ({
          async getEntityByRef(ref: {
            kind: string;
            namespace: string;
            name: string;
          }) {
            return entities.get(
              `${ref.kind}:${ref.namespace}/${ref.name}`.toLowerCase(),
            );
          },
        } as any),
    }),
  );
  backend.add(observabilityPlugin);
  const quiet = process.env.BENCH_DEBUG
    ? undefined
    : process.stdout.write.bind(process.stdout);
  if (quiet) {
    // the backend logs every request; keep the bench output readable
    process.stdout.write = ((chunk: any, ...rest: any[]) => {
      if (String(chunk).startsWith('BENCH '))
        return quiet(String(chunk).slice(6), ...rest);
      const cb = rest.find(r => typeof r === 'function');
      if (cb) cb();
      return true;
    }) as typeof process.stdout.write;
  }
  const out = (line: string) => process.stdout.write(`BENCH ${line}\n`);
  await backend.start();

  const headers = { Authorization: `Bearer ${TOKEN}` };
  const now = Math.floor(Date.now() / 1000);
  const time = async (fn: () => Promise<void>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };

  /** Direct, proxied (uncached) and cached timings of the CPU signal of one service. */
  async function measureService(app: string) {
    const queries = (['usage', 'requests', 'limits'] as const).map(series =>
      renderTemplate(defaultTemplates('prometheus').cpu[series], {
        selector: LabelSelector.of([
          { name: 'namespace', value: 'shop' },
          { name: 'app', value: app },
        ]),
        windowSeconds: RATE_WINDOW,
      }),
    );
    /** The CPU signal straight from Prometheus: its three queries, in parallel, as the backend sends them. */
    const direct = async (end: number) => {
      await Promise.all(
        queries.map(async query => {
          const res = await requestJson(
            `${prometheus.url}/api/v1/query_range`,
            {
              method: 'POST',
              form: {
                query,
                start: String(end - 3600),
                end: String(end),
                step: '15',
                timeout: '10s',
              },
            },
          );
          if (res.status !== 200 || res.body.status !== 'success')
            throw new Error(`Prometheus answered ${res.status}`);
        }),
      );
    };
    /** The same through Portico. */
    const proxy = async (end: number) => {
      const res = await requestJson(
        `${baseUrl}/api/observability/entities/component/default/${app}/metrics/cpu?start=${
          end - 3600
        }&end=${end}&step=15`,
        { headers },
      );
      if (res.status !== 200)
        throw new Error(
          `proxy answered ${res.status}: ${JSON.stringify(res.body)}`,
        );
    };

    // warm up both paths (JIT, connections)
    for (let i = 0; i < 30; i++) {
      await direct(now - 3000 - i);
      await proxy(now - 3100 - i);
    }
    // Uncached: every request a window nobody asked for before (end moves by 1 s), the same
    // windows for both paths (Prometheus keeps no results cache), alternating direct and proxy
    // so both see the same Prometheus state.
    const directMs: number[] = [];
    const proxyMs: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      directMs.push(await time(() => direct(now - i)));
      proxyMs.push(await time(() => proxy(now - i)));
    }
    // Cached: the same window again and again (viewers within one 15 s bucket).
    const cachedMs: number[] = [];
    await proxy(now);
    for (let i = 0; i < REQUESTS; i++)
      cachedMs.push(await time(() => proxy(now)));
    const figures = (ms: number[]) => ({
      p50: round(percentile(ms, 50)),
      p99: round(percentile(ms, 99)),
    });
    const d = figures(directMs);
    const u = figures(proxyMs);
    const c = figures(cachedMs);
    return {
      direct_ms: d,
      proxy_uncached_ms: u,
      proxy_cached_ms: c,
      ratio: { p50: round(u.p50 / d.p50), p99: round(u.p99 / d.p99) },
      ratio_cached: { p50: round(c.p50 / d.p50), p99: round(c.p99 / d.p99) },
    };
  }

  const fleet = await measureService('storefront');
  const single = await measureService('checkout');

  // 50 viewers open the same service at the same moment, REFRESHES times (each refresh a new
  // window, as when the 15 s bucket moves on). Upstream queries counted by Prometheus itself.
  const perRefresh: number[] = [];
  for (let r = 0; r < REFRESHES; r++) {
    const end = now + 1000 + r * 15;
    const before = await prometheusQueryCount(prometheus.url);
    const responses = await Promise.all(
      Array.from({ length: VIEWERS }, () =>
        fetch(
          `${baseUrl}/api/observability/entities/component/default/viewers-${r}/metrics/requestRate?start=${
            end - 3600
          }&end=${end}&step=15`,
          { headers },
        ),
      ),
    );
    if (responses.some(res => res.status !== 200))
      throw new Error('a viewer got an error');
    perRefresh.push((await prometheusQueryCount(prometheus.url)) - before);
  }
  const upstream = Math.max(...perRefresh);

  out(
    `Prometheus 2.42 (real), 2 h of history at a 15 s scrape interval; CPU signal = 3 range queries (1h, step 15s), ${REQUESTS} signals per path`,
  );
  for (const [label, m] of [
    [`storefront, ${STOREFRONT.replicas} pods`, fleet],
    ['checkout, 1 pod', single],
  ] as const) {
    out(`${label}:`);
    out(
      `  direct Prometheus   p50 ${m.direct_ms.p50} ms  p99 ${m.direct_ms.p99} ms`,
    );
    out(
      `  proxy, uncached     p50 ${m.proxy_uncached_ms.p50} ms  p99 ${m.proxy_uncached_ms.p99} ms  -> ratio p50 ${m.ratio.p50}x, p99 ${m.ratio.p99}x (goal p50 <= 1.1x)`,
    );
    out(
      `  proxy, cached       p50 ${m.proxy_cached_ms.p50} ms  p99 ${m.proxy_cached_ms.p99} ms  -> ratio p50 ${m.ratio_cached.p50}x, p99 ${m.ratio_cached.p99}x`,
    );
  }
  out(
    `${VIEWERS} concurrent identical viewers, ${REFRESHES} refreshes: upstream queries per refresh ${perRefresh.join(
      ', ',
    )} (request rate = 1 query; goal 1)`,
  );
  out(
    JSON.stringify({
      ratio: fleet.ratio,
      ratio_cached: fleet.ratio_cached,
      direct_ms: fleet.direct_ms,
      proxy_uncached_ms: fleet.proxy_uncached_ms,
      proxy_cached_ms: fleet.proxy_cached_ms,
      pods: STOREFRONT.replicas,
      one_pod: single,
      upstream_queries_50_viewers: upstream,
      upstream_queries_per_refresh: perRefresh,
      requests: REQUESTS,
    }),
  );
  await backend.stop();
  await prometheus.stop();
  await exporter.stop();
  process.exit(0);
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
