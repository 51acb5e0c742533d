import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  CostResponse,
  SignalResponse,
  SummaryResponse,
  TeamCostResponse,
} from '@internal/plugin-observability-common';
import { observabilityLogsReadPermission } from '@internal/plugin-portico-permissions-common';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  componentEntity,
  startObservabilityBackend,
  withObservabilityBackend,
  shopComponent,
} from './testing/startObservabilityBackend';
import { prometheusQueryCount } from './testing/prometheusCounters';
import { withFrozenDate } from './testing/frozenDate';
import {
  backfillHistory,
  EXPECTED_LATENCY,
  EXPORTED_SERVICES,
  expectedErrorPercentage,
  type RunningPrometheus,
  startMetricsExporter,
  startPrometheus,
} from './testUtils';
import { HOURS_PER_MONTH } from './service/monthlyCost';

jest.setTimeout(60_000);

const GI = 1024 ** 3;
const entities = [
  shopComponent('checkout'),
  shopComponent('payments'),
  shopComponent('weird', EXPORTED_SERVICES.weird.app),
  componentEntity('by-selector', {
    'portico.io/prometheus-selector': 'namespace=shop, app=payments',
  }),
  componentEntity('ghost', { 'backstage.io/kubernetes-namespace': 'shop' }),
  // no namespace annotation: the namespace matcher is all of team-a's namespaces
  componentEntity('no-ns', { 'backstage.io/kubernetes-id': 'checkout' }),
  // team-b holds shop-b only: each tries to read checkout's series in team-a's shop
  componentEntity(
    'intruder-ns',
    {
      'backstage.io/kubernetes-namespace': 'shop',
      'backstage.io/kubernetes-id': 'checkout',
    },
    'group:default/team-b',
  ),
  componentEntity(
    'intruder-selector',
    { 'portico.io/prometheus-selector': 'namespace=shop,app=checkout' },
    'group:default/team-b',
  ),
  componentEntity(
    'intruder-no-ns',
    { 'portico.io/prometheus-selector': 'app=checkout' },
    'group:default/team-b',
  ),
  componentEntity(
    'intruder-id',
    { 'backstage.io/kubernetes-id': 'checkout' },
    'team-b',
  ),
  // owners that hold nothing: a team without namespaces, a user, a group outside default
  componentEntity(
    'new-team',
    { 'backstage.io/kubernetes-id': 'checkout' },
    'group:default/team-new',
  ),
  componentEntity(
    'user-owned',
    { 'backstage.io/kubernetes-id': 'checkout' },
    'user:default/bob',
  ),
  componentEntity(
    'other-ns-group',
    { 'backstage.io/kubernetes-id': 'checkout' },
    'group:partners/team-a',
  ),
];
const teamNamespaces = {
  'team-a': ['shop', 'shop-2'],
  'team-b': ['shop-b'],
  'team-new': [],
};
const prices = {
  cpuPerCoreHour: 0.04,
  memoryPerGiBHour: 0.005,
  storagePerGiBMonth: 0.1,
  currency: 'EUR',
  usageWindowSeconds: 5,
};

function last(response: SignalResponse, name: string): number {
  const series = response.series.find(s => s.name === name);
  if (!series)
    throw new Error(`no series ${name} in ${JSON.stringify(response)}`);
  const values = series.points
    .map(p => p[1])
    .filter((v): v is number => v !== null);
  return values[values.length - 1];
}

describe('observability backend against a real Prometheus 2.42', () => {
  let exporter: Awaited<ReturnType<typeof startMetricsExporter>>;
  let prometheus: RunningPrometheus;
  let api: Awaited<ReturnType<typeof startObservabilityBackend>>;

  /** A moment of the backfilled history (unix seconds) at which the values are read. */
  let historyAt: number;

  beforeAll(async () => {
    // Services that have been running: 5 minutes of history at the scrape interval (1 s) before
    // Prometheus starts, continued by live scrapes after a gap of a few seconds (the import and
    // Prometheus starting). The values below are read at a moment of that history (Date stopped
    // there), so every window they use (the 15m preset's step and rate window of 15 s, the
    // overview card's 60 s, the cost's 5 s) is whole, wherever the wall clock's step boundaries
    // and the gap happen to fall.
    const started = Math.floor(Date.now() / 1000);
    historyAt = started - 30;
    const clock = { origin: started - 3600 };
    exporter = await startMetricsExporter(undefined, 0, clock);
    prometheus = await startPrometheus({
      targets: [`127.0.0.1:${exporter.port}`],
      beforeStart: dataDir =>
        backfillHistory({
          services: Object.values(EXPORTED_SERVICES),
          clock,
          from: started - 300,
          to: started - 1,
          steps: [[Infinity, 1]],
          dataDir,
        }),
    });
    api = await startObservabilityBackend({
      config: {
        observability: {
          prometheus: { url: prometheus.url, timeout: 5 },
          cost: prices,
          limits: { minStepSeconds: 1 },
          // rates over a few scrapes (the 15m preset's rate window is then its 15 s step)
          minRateWindowSeconds: 5,
          cache: { ttlSeconds: 1 },
        },
      },
      entities,
      teamNamespaces,
    });
  });

  afterAll(async () => {
    await api?.stop();
    await prometheus?.stop();
    await exporter?.stop();
  });

  /** `path` read at {@link historyAt}. */
  const read = (path: string) =>
    withFrozenDate(() => api.get(path), historyAt * 1000);
  // the shortest preset (step 15 s)
  const window = () => 'range=15m';
  const signal = async (entity: string, name: string) => {
    const res = await read(
      `/entities/component/default/${entity}/metrics/${name}?${window()}`,
    );
    expect(res.status).toBe(200);
    return res.body as SignalResponse;
  };

  it('returns CPU usage against requests and limits, without the pause container', async () => {
    const cpu = await signal('checkout', 'cpu');
    expect(cpu.unit).toBe('cores');
    expect(last(cpu, 'usage')).toBeCloseTo(0.25, 2);
    expect(last(cpu, 'requests')).toBe(0.5);
    expect(last(cpu, 'limits')).toBe(1);
  });

  it('returns memory exactly', async () => {
    const memory = await signal('checkout', 'memory');
    expect(last(memory, 'usage')).toBe(EXPORTED_SERVICES.checkout.memoryBytes);
    expect(last(memory, 'requests')).toBe(
      EXPORTED_SERVICES.checkout.memoryRequest,
    );
    expect(last(memory, 'limits')).toBe(EXPORTED_SERVICES.checkout.memoryLimit);
  });

  it('returns request rate, error percentage, latency quantiles and restarts', async () => {
    const s = EXPORTED_SERVICES.checkout;
    const rate = await signal('checkout', 'requestRate');
    expect(last(rate, 'rate')).toBeCloseTo(
      s.okPerSecond + s.errorsPerSecond,
      0,
    );
    const errors = await signal('checkout', 'errorPercentage');
    expect(last(errors, 'errors')).toBeCloseTo(expectedErrorPercentage(s), 1);
    const latency = await signal('checkout', 'latency');
    expect(last(latency, 'p50')).toBeCloseTo(EXPECTED_LATENCY.p50, 3);
    expect(last(latency, 'p95')).toBeCloseTo(EXPECTED_LATENCY.p95, 3);
    expect(last(latency, 'p99')).toBeCloseTo(EXPECTED_LATENCY.p99, 3);
    const restarts = await signal('checkout', 'restarts');
    expect(last(restarts, 'restarts')).toBe(3);
  });

  it("keeps each service to its own series: payments sees payments' numbers only", async () => {
    const cpu = await signal('payments', 'cpu');
    expect(last(cpu, 'usage')).toBeCloseTo(1.5, 2);
    expect(last(cpu, 'requests')).toBe(1);
    const memory = await signal('payments', 'memory');
    expect(last(memory, 'usage')).toBe(GI);
    const restarts = await signal('payments', 'restarts');
    expect(last(restarts, 'restarts')).toBe(7);
  });

  it('finds a service whose label value needs escaping (quote, backslash, braces)', async () => {
    const cpu = await signal('weird', 'cpu');
    expect(last(cpu, 'usage')).toBeCloseTo(0.125, 2);
    const memory = await signal('weird', 'memory');
    expect(last(memory, 'usage')).toBe(EXPORTED_SERVICES.weird.memoryBytes);
  });

  it('uses the portico.io/prometheus-selector annotation when present', async () => {
    const memory = await signal('by-selector', 'memory');
    expect(last(memory, 'usage')).toBe(GI);
  });

  it('says no-data, not an error, for a service without samples', async () => {
    const cpu = await signal('ghost', 'cpu');
    expect(cpu).toMatchObject({ series: [], empty: 'no-data' });
  });

  it('serves the overview summary with current values and sparklines', async () => {
    const res = await read('/entities/component/default/checkout/summary');
    expect(res.status).toBe(200);
    const summary = res.body as SummaryResponse;
    expect(summary.empty).toBeUndefined();
    const memory = summary.signals.find(s => s.signal === 'memory')!;
    const usage = memory.series.find(s => s.name === 'usage')!;
    expect(usage.current).toBe(EXPORTED_SERVICES.checkout.memoryBytes);
    expect(usage.sparkline.length).toBeGreaterThan(0);
    expect(summary.window.step).toBe(60);
  });

  it('estimates the monthly cost from the larger of requests and usage, plus volumes', async () => {
    const res = await read('/entities/component/default/checkout/cost');
    expect(res.status).toBe(200);
    const cost = res.body as CostResponse;
    // checkout: requests win (0.5 cores > 0.25, 0.5 GiB > 0.25 GiB), 10 GiB volume
    expect(cost.inputs).toMatchObject({
      cpuBasis: 'requests',
      cpuCores: 0.5,
      memoryBasis: 'requests',
      memoryGiB: 0.5,
      storageGiB: 10,
    });
    expect(cost.currency).toBe('EUR');
    expect(cost.monthly.cpu).toBeCloseTo(0.5 * HOURS_PER_MONTH * 0.04, 2);
    expect(cost.monthly.memory).toBeCloseTo(0.5 * HOURS_PER_MONTH * 0.005, 1);
    expect(cost.monthly.storage).toBeCloseTo(1, 2);

    const payments = (await read('/entities/component/default/payments/cost'))
      .body as CostResponse;
    // payments: usage wins for CPU (1.5 > 1)
    expect(payments.inputs.cpuBasis).toBe('usage');
    const expected = 1.5 * HOURS_PER_MONTH * 0.04;
    expect(Math.abs(payments.monthly.cpu - expected) / expected).toBeLessThan(
      0.03,
    );
  });

  it("rolls cost up per owning team, each service within its team's namespaces", async () => {
    const res = await read('/cost/teams');
    expect(res.status).toBe(200);
    const body = res.body as TeamCostResponse;
    const teamA = body.teams.find(t => t.owner === 'group:default/team-a')!;
    expect(teamA.services.map(s => s.entityRef).sort()).toEqual([
      'component:default/by-selector',
      'component:default/checkout',
      'component:default/no-ns',
      'component:default/payments',
      'component:default/weird',
    ]);
    const sum = teamA.services.reduce((n, s) => n + s.monthly.total, 0);
    expect(teamA.monthly.total).toBeCloseTo(sum, 1);
    // team-b's services point at team-a's namespace: none of checkout's cost is theirs
    expect(body.teams.map(t => t.owner)).toEqual(['group:default/team-a']);
  });

  it('coalesces 50 identical concurrent requests into one upstream query per series', async () => {
    // a window nobody has asked for yet; Date stands still (timers and sockets run), so all 50
    // read one window and its result stays cached through the burst, however slow the machine
    const path = '/entities/component/default/checkout/metrics/memory?range=6h';
    await withFrozenDate(async () => {
      const before = await prometheusQueryCount(prometheus.url);
      const responses = await Promise.all(
        Array.from({ length: 50 }, () => api.get(path)),
      );
      const after = await prometheusQueryCount(prometheus.url);
      expect(responses.every(r => r.status === 200)).toBe(true);
      expect(responses[0].body.series.length).toBe(3);
      expect(
        new Set(responses.map(r => JSON.stringify(r.body.window))).size,
      ).toBe(1);
      // memory has three series (usage, requests, limits): three queries, not 150
      expect(after - before).toBe(3);
    });
  });

  it('ends every window on a step boundary: viewers within one step read one window', async () => {
    const step = 90; // the 6h preset's
    // a step boundary in the past (every window below has happened)
    const boundary = (Math.floor(Date.now() / 1000 / step) - 1) * step;
    const path = '/entities/component/default/checkout/metrics/cpu?range=6h';
    const windowAt = (seconds: number) =>
      withFrozenDate(async () => {
        const res = await api.get(path);
        expect(res.status).toBe(200);
        return res.body.window;
      }, seconds * 1000);
    const first = await windowAt(boundary + 0.5);
    expect(first).toEqual({ start: boundary - 6 * 3600, end: boundary, step });
    // 89 s later (the cache keeps results 1 s here, the window its whole step)
    expect(await windowAt(boundary + step - 1)).toEqual(first);
    expect((await windowAt(boundary + step)).end).toBe(boundary + step);
  });

  it('takes only preset ranges: the window and step are the backend’s', async () => {
    const end = Math.floor(Date.now() / 1000);
    const before = await prometheusQueryCount(prometheus.url);
    for (const query of [
      `start=${end - 60}&end=${end}&step=1`,
      `end=${end + 1}`,
      'range=1h&step=1',
    ]) {
      const res = await api.get(
        `/entities/component/default/checkout/metrics/cpu?${query}`,
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(
        'is not accepted: the window is chosen by the backend; give range=15m|1h|6h|24h|7d',
      );
    }
    expect(await prometheusQueryCount(prometheus.url)).toBe(before);
    const asked = Date.now() / 1000;
    const ok = await api.get(
      '/entities/component/default/checkout/metrics/cpu?range=24h',
    );
    expect(ok.body.window.step).toBe(360);
    expect(ok.body.window.end - ok.body.window.start).toBe(86400);
    // on a step boundary, its newest point at most one step old
    expect(ok.body.window.end % 360).toBe(0);
    expect(ok.body.window.end).toBeGreaterThan(asked - 360);
    expect(ok.body.window.end).toBeLessThanOrEqual(Date.now() / 1000);
    const preset = await api.get(
      '/entities/component/default/checkout/metrics/cpu?range=2h',
    );
    expect(preset.status).toBe(400);
    expect(preset.body.error.message).toContain(
      'range must be one of 15m, 1h, 6h, 24h, 7d',
    );
    const unknown = await api.get(
      '/entities/component/default/checkout/metrics/disk',
    );
    expect(unknown.status).toBe(400);
  });

  it('answers 404 for an entity the catalog does not have (or hides from the caller)', async () => {
    const res = await api.get('/entities/component/default/nope/metrics/cpu');
    expect(res.status).toBe(404);
  });

  it('needs a signed-in caller', async () => {
    const res = await api.anonymous(
      '/entities/component/default/checkout/metrics/cpu',
    );
    expect(res.status).toBe(401);
  });

  describe('reads only namespaces the owning team holds', () => {
    it("reads all of the team's namespaces for an entity that names none", async () => {
      const memory = await signal('no-ns', 'memory');
      expect(last(memory, 'usage')).toBe(
        EXPORTED_SERVICES.checkout.memoryBytes,
      );
    });

    it.each([
      ['intruder-ns', 'backstage.io/kubernetes-namespace'],
      ['intruder-selector', 'portico.io/prometheus-selector'],
    ])(
      '%s: refuses a namespace of another team with a 403 naming it, on every route',
      async (name, annotation) => {
        const before = await prometheusQueryCount(prometheus.url);
        for (const path of [
          'metrics/cpu?range=15m',
          'summary',
          'cost',
          'grafana',
        ]) {
          const res = await api.get(
            `/entities/component/default/${name}/${path}`,
          );
          expect(res.status).toBe(403);
          expect(res.body.error.message).toBe(
            `The entity's ${annotation} annotation names namespace "shop", which is not one of team-b's namespaces: metrics, logs, panels and cost read only namespaces the owning team holds`,
          );
        }
        expect(await prometheusQueryCount(prometheus.url)).toBe(before);
      },
    );

    it.each([['intruder-no-ns'], ['intruder-id']])(
      "%s: a selector without a namespace reads only the team's own namespaces (no data)",
      async name => {
        for (const s of ['cpu', 'memory', 'requestRate']) {
          const res = await signal(name, s);
          expect(res).toMatchObject({ series: [], empty: 'no-data' });
        }
        const cost = await read(`/entities/component/default/${name}/cost`);
        expect(cost.body.empty).toBe('no-data');
      },
    );

    it.each([['new-team'], ['user-owned'], ['other-ns-group']])(
      '%s: an owner holding no namespaces gets a calm empty answer, and nothing is asked',
      async name => {
        const before = await prometheusQueryCount(prometheus.url);
        for (const path of ['metrics/cpu?range=15m', 'summary', 'cost']) {
          const res = await api.get(
            `/entities/component/default/${name}/${path}`,
          );
          expect(res.status).toBe(200);
          expect(res.body.empty).toBe('no-namespaces');
        }
        expect(await prometheusQueryCount(prometheus.url)).toBe(before);
      },
    );
  });

  it('keeps logs to the owner permission, asked on the entity', async () => {
    await withObservabilityBackend(
      {
        config: { observability: { prometheus: { url: prometheus.url } } },
        entities,
        logs: AuthorizeResult.DENY,
      },
      async denied => {
        const res = await denied.get(
          '/entities/component/default/checkout/logs',
        );
        expect(res.status).toBe(403);
        expect(res.body.error.message).toContain(
          'Only the owners of component:default/checkout',
        );
        expect(denied.permissions.authorize).toHaveBeenCalledWith(
          [
            {
              permission: observabilityLogsReadPermission,
              resourceRef: 'component:default/checkout',
            },
          ],
          expect.anything(),
        );
        expect(denied.audited.fail).toHaveBeenCalled();
      },
    );
  });
});

describe('observability backend without upstreams, or with broken ones', () => {
  it('limits each user to the configured rate: 429 with Retry-After, per user', async () => {
    await withObservabilityBackend(
      {
        config: {
          observability: { rateLimit: { requestsPerMinute: 60, burst: 3 } },
        },
        entities,
      },
      async api => {
        const path = '/entities/component/default/checkout/metrics/cpu';
        for (let i = 0; i < 3; i++) {
          expect((await api.get(path)).status).toBe(200);
        }
        const limited = await api.get(path);
        expect(limited.status).toBe(429);
        expect(limited.headers['retry-after']).toBe('1');
        expect(limited.body.error.message).toBe(
          'Too many observability requests from user:default/bob: at most 60 a minute, 3 at once (observability.rateLimit); retry in 1s',
        );
        // every route counts, logs and cost included
        expect(
          (await api.get('/entities/component/default/checkout/logs')).status,
        ).toBe(429);
        expect((await api.get('/cost/teams')).status).toBe(429);
        // another user has their own budget
        expect((await api.getAs('user:default/alice', path)).status).toBe(200);
        await new Promise(r => setTimeout(r, 1100));
        expect((await api.get(path)).status).toBe(200);
      },
    );
  });

  it('says not-configured when Prometheus, Loki and Grafana are not set up', async () => {
    await withObservabilityBackend({ config: {}, entities }, async api => {
      const cpu = await api.get(
        '/entities/component/default/checkout/metrics/cpu',
      );
      expect(cpu.status).toBe(200);
      expect(cpu.body).toMatchObject({ series: [], empty: 'not-configured' });
      for (const path of ['summary', 'logs', 'grafana', 'cost']) {
        const res = await api.get(
          `/entities/component/default/checkout/${path}`,
        );
        expect(res.status).toBe(200);
        expect(res.body.empty).toBe('not-configured');
      }
      expect((await api.get('/cost/teams')).body.empty).toBe('not-configured');
    });
  });

  it('reports an upstream that does not answer as 504 naming the timeout', async () => {
    const sockets = new Set<import('node:net').Socket>();
    const silent = http.createServer(() => {});
    silent.on('connection', s => sockets.add(s));
    await new Promise<void>(r => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as AddressInfo).port;
    const api = await startObservabilityBackend({
      config: {
        observability: {
          prometheus: { url: `http://127.0.0.1:${port}`, timeout: 1 },
        },
      },
      entities,
    });
    try {
      const res = await api.get(
        '/entities/component/default/checkout/metrics/cpu',
      );
      expect(res.status).toBe(504);
      expect(res.body.error.message).toBe(
        'Prometheus did not answer within 1s',
      );
    } finally {
      await api.stop();
      sockets.forEach(s => s.destroy());
      silent.close();
    }
  });

  it('reports an unreachable upstream as 502 without its URL', async () => {
    await withObservabilityBackend(
      {
        config: {
          observability: { prometheus: { url: 'http://127.0.0.1:1' } },
        },
        entities,
      },
      async api => {
        const res = await api.get(
          '/entities/component/default/checkout/metrics/cpu',
        );
        expect(res.status).toBe(502);
        expect(res.body.error.message).toBe('Prometheus is unreachable');
        expect(JSON.stringify(res.body)).not.toContain('127.0.0.1:1');
      },
    );
  });
});
