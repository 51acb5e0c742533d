import {
  componentEntity,
  startObservabilityBackend,
  shopComponent,
} from './testing/startObservabilityBackend';
import { HOSTILE_VALUES } from './testing/hostileValues';
import {
  type RunningPrometheus,
  startFakeLoki,
  startMetricsExporter,
  startPrometheus,
} from './testUtils';
import type { Entity } from '@backstage/catalog-model';
import { logqlProblem, parseLogql } from './testing/logql';

jest.setTimeout(180_000);

/** Words of the query templates and of Prometheus' error messages: none may reach the browser. */
const TEMPLATE_WORDS = [
  'container_cpu_usage_seconds_total',
  'container_memory_working_set_bytes',
  'kube_pod_container',
  'http_requests_total',
  'http_request_duration_seconds',
  'histogram_quantile',
  'sum(',
  'rate(',
  'parse error',
  '$selector',
  '127.0.0.1',
];

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function entitiesFor(value: string, i: number): Entity[] {
  return [
    componentEntity(`hostile-id-${i}`, {
      'backstage.io/kubernetes-namespace': 'shop',
      'backstage.io/kubernetes-id': value,
    }),
    componentEntity(`hostile-ns-${i}`, {
      'backstage.io/kubernetes-namespace': value,
      'backstage.io/kubernetes-id': 'payments',
    }),
    componentEntity(`hostile-selector-${i}`, {
      'portico.io/prometheus-selector': `namespace=shop,app=${value}`,
    }),
  ];
}

/**
 * `no-data`, `refused` (400 naming the annotation), `forbidden` (403: a namespace the owning team
 * does not hold), or what went wrong.
 */
function verdict(res: { status: number; body: any }): string {
  if (
    res.status === 200 &&
    res.body.empty === 'no-data' &&
    // one signal (cost) or every signal of a batch without a series
    [res.body, ...(res.body.signals ?? [])].every(
      (s: { series?: unknown[] }) => !s.series?.length,
    )
  ) {
    return 'no-data';
  }
  if (
    res.status === 400 &&
    /annotation is invalid/.test(res.body.error?.message)
  ) {
    return 'refused';
  }
  if (
    res.status === 403 &&
    /annotation names namespace .*, which is not one of team-a's namespaces/.test(
      res.body.error?.message,
    )
  ) {
    return 'forbidden';
  }
  return `unexpected ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
}

function expectNoLeak(body: unknown) {
  const text = JSON.stringify(body);
  for (const word of TEMPLATE_WORDS) {
    expect(text).not.toContain(word);
  }
}

describe('injection corpus', () => {
  let exporter: Awaited<ReturnType<typeof startMetricsExporter>>;
  let prometheus: RunningPrometheus;
  let loki: Awaited<ReturnType<typeof startFakeLoki>>;
  let api: Awaited<ReturnType<typeof startObservabilityBackend>>;

  beforeAll(async () => {
    exporter = await startMetricsExporter();
    prometheus = await startPrometheus({
      targets: [`127.0.0.1:${exporter.port}`],
    });
    loki = await startFakeLoki({
      streamsFor: query => {
        const problem = logqlProblem(query);
        return problem ? { error: `parse error: ${problem}: ${query}` } : [];
      },
    });
    api = await startObservabilityBackend({
      config: {
        observability: {
          prometheus: { url: prometheus.url },
          loki: { url: loki.url },
          minRateWindowSeconds: 5,
          cost: { usageWindowSeconds: 5 },
        },
      },
      entities: [
        shopComponent('checkout'),
        ...HOSTILE_VALUES.flatMap(entitiesFor),
      ],
      teamNamespaces: { 'team-a': ['shop'] },
    });
  });

  afterAll(async () => {
    await api?.stop();
    await loki?.stop();
    await prometheus?.stop();
    await exporter?.stop();
  });

  it('has at least 50 hostile values', () => {
    expect(HOSTILE_VALUES.length).toBeGreaterThanOrEqual(50);
  });

  it('sanity: the exporter does serve another service that a breakout would reach', async () => {
    const result = await prometheus.query(
      'container_memory_working_set_bytes{app="payments"}',
    );
    expect(result).toHaveLength(1);
  });

  it.each(HOSTILE_VALUES.map((v, i) => [JSON.stringify(v).slice(0, 60), i]))(
    'label value %s reaches no other service and leaks no template',
    async (_name, i) => {
      const window = 'range=15m';
      for (const kind of ['id', 'ns', 'selector']) {
        const base = `/entities/component/default/hostile-${kind}-${i}`;
        for (const path of [
          `${base}/metrics?signals=cpu,memory,requestRate,latency&${window}`,
          `${base}/cost`,
        ]) {
          const res = await api.get(path);
          expectNoLeak(res.body);
          // refused as invalid (400) or as another team's namespace (403), or answered with
          // nothing: never another service's numbers
          expect(verdict(res)).toMatch(
            kind === 'ns' ? /^(refused|forbidden)$/ : /^(no-data|refused)$/,
          );
        }
      }
    },
  );

  const refusedFilters = HOSTILE_VALUES.filter(
    v => v.length > 200 || CONTROL.test(v),
  );
  const acceptedFilters = HOSTILE_VALUES.filter(
    v => !refusedFilters.includes(v),
  );
  const logs = (value: string) =>
    api.get(
      `/entities/component/default/checkout/logs?${new URLSearchParams({
        query: value,
      })}`,
    );

  it.each(acceptedFilters.map(v => [JSON.stringify(v).slice(0, 60), v]))(
    'log filter %s becomes one parsable LogQL literal',
    async (_name, value) => {
      const before = loki.requests.length;
      const res = await logs(value);
      expectNoLeak(res.body);
      expect(res.status).toBe(200);
      const sent = loki.requests[before].query;
      expect(logqlProblem(sent)).toBeUndefined();
      const parsed = parseLogql(sent);
      expect(parsed.matchers).toEqual({ namespace: 'shop', app: 'checkout' });
      expect(parsed.lineFilters).toEqual([value]);
    },
  );

  it.each(refusedFilters.map(v => [JSON.stringify(v).slice(0, 60), v]))(
    'log filter %s (too long or control characters) is refused naming the parameter',
    async (_name, value) => {
      const before = loki.requests.length;
      const res = await logs(value);
      expectNoLeak(res.body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('Query parameters: query: ');
      expect(loki.requests.length).toBe(before);
    },
  );

  it.each([
    'range=2h',
    'range=1h%22',
    'range[]=1h',
    'range=1h&start=1',
    'start=-1&end=10&step=1',
    'start=1e30&end=1e31&step=1',
    'start=0&end=99999999999&step=60',
    'start=10&end=5&step=1',
    'start=0&end=100&step=0.5',
    'start=0&end=100&step=-1',
    'start=0&end=100',
    'start=abc&end=100&step=1',
    'start=0&end=100&step=1%20or%20vector(1)',
    'start=0&end=100&step=1s',
  ])('refuses the range %s with a 400 that leaks no template', async query => {
    const res = await api.get(
      `/entities/component/default/checkout/metrics?signals=cpu&${query}`,
    );
    expect(res.status).toBe(400);
    expectNoLeak(res.body);
  });

  it.each([
    'level=verbose',
    'level=error%22',
    'level[]=error',
    'limit=0',
    'limit=100000',
    'limit=-1',
    'limit=1e3',
  ])('refuses the log parameter %s with a 400', async query => {
    const res = await api.get(
      `/entities/component/default/checkout/logs?${query}`,
    );
    expect(res.status).toBe(400);
    expectNoLeak(res.body);
  });
});
