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
  component,
  startObservabilityBackend,
} from './__testUtils__/startObservabilityBackend';
import { prometheusQueryCount } from './__testUtils__/prometheusCounters';
import {
  EXPECTED_LATENCY,
  EXPORTED_SERVICES,
  expectedErrorPercentage,
  type RunningPrometheus,
  startMetricsExporter,
  startPrometheus,
} from './testing';
import { HOURS_PER_MONTH } from './service/monthlyCost';

jest.setTimeout(60_000);

const GI = 1024 ** 3;
const entities = [
  component('checkout', {
    'backstage.io/kubernetes-namespace': 'shop',
    'backstage.io/kubernetes-id': 'checkout',
  }),
  component(
    'payments',
    {
      'backstage.io/kubernetes-namespace': 'shop',
      'backstage.io/kubernetes-id': 'payments',
    },
    'group:default/team-b',
  ),
  component('weird', {
    'backstage.io/kubernetes-namespace': 'shop',
    'backstage.io/kubernetes-id': EXPORTED_SERVICES.weird.app,
  }),
  component('by-selector', {
    'portico.io/prometheus-selector': 'namespace=shop, app=payments',
  }),
  component('ghost', { 'backstage.io/kubernetes-namespace': 'shop' }),
];
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

  beforeAll(async () => {
    exporter = await startMetricsExporter();
    prometheus = await startPrometheus({
      targets: [`127.0.0.1:${exporter.port}`],
      minSamples: 7,
    });
    api = await startObservabilityBackend({
      config: {
        observability: {
          prometheus: { url: prometheus.url, timeout: 5 },
          cost: prices,
          limits: { minStepSeconds: 1 },
          // the test's Prometheus has seconds of history, not minutes
          minRateWindowSeconds: 5,
          cache: { ttlSeconds: 1 },
        },
      },
      entities,
    });
  });

  afterAll(async () => {
    await api?.stop();
    await prometheus?.stop();
    await exporter?.stop();
  });

  const window = () => {
    const end = Math.floor(Date.now() / 1000);
    return `start=${end - 20}&end=${end}&step=1`;
  };
  const signal = async (entity: string, name: string) => {
    const res = await api.get(
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
    const res = await api.get('/entities/component/default/checkout/summary');
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
    const res = await api.get('/entities/component/default/checkout/cost');
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

    const payments = (
      await api.get('/entities/component/default/payments/cost')
    ).body as CostResponse;
    // payments: usage wins for CPU (1.5 > 1)
    expect(payments.inputs.cpuBasis).toBe('usage');
    const expected = 1.5 * HOURS_PER_MONTH * 0.04;
    expect(Math.abs(payments.monthly.cpu - expected) / expected).toBeLessThan(
      0.03,
    );
  });

  it('rolls cost up per owning team', async () => {
    const res = await api.get('/cost/teams');
    expect(res.status).toBe(200);
    const body = res.body as TeamCostResponse;
    const teamA = body.teams.find(t => t.owner === 'group:default/team-a')!;
    const teamB = body.teams.find(t => t.owner === 'group:default/team-b')!;
    expect(teamA.services.map(s => s.entityRef).sort()).toEqual([
      'component:default/by-selector',
      'component:default/checkout',
      'component:default/weird',
    ]);
    expect(teamB.services.map(s => s.entityRef)).toEqual([
      'component:default/payments',
    ]);
    const sum = teamA.services.reduce((n, s) => n + s.monthly.total, 0);
    expect(teamA.monthly.total).toBeCloseTo(sum, 1);
  });

  it('coalesces 50 identical concurrent requests into one upstream query per series', async () => {
    const end = Math.floor(Date.now() / 1000) + 1000; // a window nobody has asked for yet
    const path = `/entities/component/default/checkout/metrics/memory?start=${
      end - 600
    }&end=${end}&step=5`;
    const before = await prometheusQueryCount(prometheus.url);
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => api.get(path)),
    );
    const after = await prometheusQueryCount(prometheus.url);
    expect(responses.every(r => r.status === 200)).toBe(true);
    // memory has three series (usage, requests, limits): three queries, not 150
    expect(after - before).toBe(3);
  });

  it('refuses ranges that are too wide, too fine or have too many points, naming the limit', async () => {
    const end = Math.floor(Date.now() / 1000);
    const wide = await api.get(
      `/entities/component/default/checkout/metrics/cpu?start=${
        end - 40 * 86400
      }&end=${end}&step=3600`,
    );
    expect(wide.status).toBe(400);
    expect(wide.body.error.message).toContain(
      '30d (observability.limits.maxRangeSeconds)',
    );
    const fine = await api.get(
      `/entities/component/default/checkout/metrics/cpu?start=${
        end - 60
      }&end=${end}&step=0`,
    );
    expect(fine.status).toBe(400);
    expect(fine.body.error.message).toContain(
      'observability.limits.minStepSeconds',
    );
    const many = await api.get(
      `/entities/component/default/checkout/metrics/cpu?start=${
        end - 86400
      }&end=${end}&step=1`,
    );
    expect(many.status).toBe(400);
    expect(many.body.error.message).toContain(
      '11000 (observability.limits.maxPoints)',
    );
    const preset = await api.get(
      '/entities/component/default/checkout/metrics/cpu?range=2h',
    );
    expect(preset.status).toBe(400);
    expect(preset.body.error.message).toContain(
      'range must be one of 1h, 6h, 24h, 7d',
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

  it('keeps logs to the owner permission, asked on the entity', async () => {
    const denied = await startObservabilityBackend({
      config: { observability: { prometheus: { url: prometheus.url } } },
      entities,
      logs: AuthorizeResult.DENY,
    });
    try {
      const res = await denied.get('/entities/component/default/checkout/logs');
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
    } finally {
      await denied.stop();
    }
  });
});

describe('observability backend without upstreams, or with broken ones', () => {
  it('says not-configured when Prometheus, Loki and Grafana are not set up', async () => {
    const api = await startObservabilityBackend({ config: {}, entities });
    try {
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
    } finally {
      await api.stop();
    }
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
    const api = await startObservabilityBackend({
      config: { observability: { prometheus: { url: 'http://127.0.0.1:1' } } },
      entities,
    });
    try {
      const res = await api.get(
        '/entities/component/default/checkout/metrics/cpu',
      );
      expect(res.status).toBe(502);
      expect(res.body.error.message).toBe('Prometheus is unreachable');
      expect(JSON.stringify(res.body)).not.toContain('127.0.0.1:1');
    } finally {
      await api.stop();
    }
  });
});
