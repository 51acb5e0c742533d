import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  CostResponse,
  MetricsResponse,
  Signal,
  SummaryResponse,
  TeamCostResponse,
} from '@internal/plugin-observability-common';
import { observabilityLogsReadPermission } from '@internal/plugin-portico-permissions-common';
import {
  componentEntity,
  withObservabilityBackend,
  shopComponent,
} from './testing/startObservabilityBackend';
import {
  type HistoryBackend,
  lastValue as last,
  startHistoryBackend,
} from './testing/historyBackend';
import { prometheusQueryCount } from './testing/prometheusCounters';
import {
  EXPECTED_LATENCY,
  EXPORTED_SERVICES,
  expectedErrorPercentage,
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

describe('observability backend against a real Prometheus 2.42', () => {
  let history: HistoryBackend;
  let api: HistoryBackend['api'];
  let prometheus: HistoryBackend['prometheus'];

  beforeAll(async () => {
    history = await startHistoryBackend({
      entities,
      teamNamespaces,
      observability: { cost: prices },
    });
    ({ api, prometheus } = history);
  });

  afterAll(async () => {
    await history?.stop();
  });

  const read = (path: string) => history.read(path);
  /** The asked signals of an entity in one request, over the shortest preset (step 15 s). */
  const signals = async (entity: string, names: Signal[]) => {
    const res = await read(
      `/entities/component/default/${entity}/metrics?signals=${names.join(
        ',',
      )}&range=15m`,
    );
    expect(res.status).toBe(200);
    const body = res.body as MetricsResponse;
    expect(body.signals.map(s => s.signal)).toEqual(names);
    return body.signals;
  };
  const signal = async (entity: string, name: Signal) =>
    (await signals(entity, [name]))[0];

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
    const [rate, errors, latency, restarts] = await signals('checkout', [
      'requestRate',
      'errorPercentage',
      'latency',
      'restarts',
    ]);
    expect(last(rate, 'rate')).toBeCloseTo(
      s.okPerSecond + s.errorsPerSecond,
      0,
    );
    expect(last(errors, 'errors')).toBeCloseTo(expectedErrorPercentage(s), 1);
    expect(last(latency, 'p50')).toBeCloseTo(EXPECTED_LATENCY.p50, 3);
    expect(last(latency, 'p95')).toBeCloseTo(EXPECTED_LATENCY.p95, 3);
    expect(last(latency, 'p99')).toBeCloseTo(EXPECTED_LATENCY.p99, 3);
    expect(last(restarts, 'restarts')).toBe(3);
  });

  it("keeps each service to its own series: payments sees payments' numbers only", async () => {
    const [cpu, memory, restarts] = await signals('payments', [
      'cpu',
      'memory',
      'restarts',
    ]);
    expect(last(cpu, 'usage')).toBeCloseTo(1.5, 2);
    expect(last(cpu, 'requests')).toBe(1);
    expect(last(memory, 'usage')).toBe(GI);
    expect(last(restarts, 'restarts')).toBe(7);
  });

  it('finds a service whose label value needs escaping (quote, backslash, braces)', async () => {
    const [cpu, memory] = await signals('weird', ['cpu', 'memory']);
    expect(last(cpu, 'usage')).toBeCloseTo(0.125, 2);
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
          'metrics?signals=cpu,memory&range=15m',
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
        const res = await read(
          `/entities/component/default/${name}/metrics?signals=cpu,memory,requestRate&range=15m`,
        );
        expect(res.body.empty).toBe('no-data');
        for (const s of (res.body as MetricsResponse).signals) {
          expect(s).toMatchObject({ series: [], empty: 'no-data' });
        }
        const cost = await read(`/entities/component/default/${name}/cost`);
        expect(cost.body.empty).toBe('no-data');
      },
    );

    it.each([['new-team'], ['user-owned'], ['other-ns-group']])(
      '%s: an owner holding no namespaces gets a calm empty answer, and nothing is asked',
      async name => {
        const before = await prometheusQueryCount(prometheus.url);
        for (const path of [
          'metrics?signals=cpu,latency&range=15m',
          'summary',
          'cost',
        ]) {
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
