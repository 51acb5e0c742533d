import {
  SIGNAL_SERIES,
  SIGNALS,
  type MetricsResponse,
} from '@internal/plugin-observability-common';
import {
  historyConfig,
  type HistoryBackend,
  lastValue,
  startHistoryBackend,
} from './testing/historyBackend';
import { prometheusQueryCount } from './testing/prometheusCounters';
import { withFrozenDate } from './testing/frozenDate';
import {
  shopComponent,
  withObservabilityBackend,
} from './testing/startObservabilityBackend';
import { EXPORTED_SERVICES } from './testUtils';

jest.setTimeout(60_000);

const entities = [shopComponent('checkout'), shopComponent('payments')];
const teamNamespaces = { 'team-a': ['shop'] };
const ALL = SIGNALS.join(',');
/** Queries of every signal: one per series. */
const ALL_QUERIES = SIGNALS.reduce((n, s) => n + SIGNAL_SERIES[s].length, 0);
/**
 * A restarts template Prometheus parses but refuses to run (count_values names an invalid
 * label): the one signal whose queries fail.
 */
const FAILING_RESTARTS =
  'count_values("not-a-label", kube_pod_container_status_restarts_total{$selector})';

describe('one request per panel: every signal of the tab at once, against a real Prometheus', () => {
  let history: HistoryBackend;
  let api: HistoryBackend['api'];
  let prometheus: HistoryBackend['prometheus'];

  beforeAll(async () => {
    history = await startHistoryBackend({ entities, teamNamespaces });
    ({ api, prometheus } = history);
  });

  afterAll(async () => {
    await history?.stop();
  });

  it('answers every asked signal in one window, in the order asked, each as it is asked alone', async () => {
    const order = [...SIGNALS].reverse();
    const res = await history.read(
      `/entities/component/default/checkout/metrics?signals=${order.join(
        ',',
      )}&range=15m`,
    );
    expect(res.status).toBe(200);
    const body = res.body as MetricsResponse;
    expect(body.empty).toBeUndefined();
    expect(body.signals.map(s => s.signal)).toEqual(order);
    for (const s of body.signals) {
      expect(s.window).toEqual(body.window);
      expect(s.error).toBeUndefined();
      const alone = await history.read(
        `/entities/component/default/checkout/metrics?signals=${s.signal}&range=15m`,
      );
      expect(alone.body.signals).toEqual([s]);
    }
    const memory = body.signals.find(s => s.signal === 'memory')!;
    expect(lastValue(memory, 'usage')).toBe(
      EXPORTED_SERVICES.checkout.memoryBytes,
    );
  });

  it('coalesces 50 identical concurrent viewers of the whole tab into one upstream query per series', async () => {
    // a window nobody has asked for yet; Date stands still (timers and sockets run), so all 50
    // read one window and its results stay cached through the burst, however slow the machine
    const path = `/entities/component/default/payments/metrics?signals=${ALL}&range=6h`;
    await withFrozenDate(async () => {
      const before = await prometheusQueryCount(prometheus.url);
      const responses = await Promise.all(
        Array.from({ length: 50 }, () => api.get(path)),
      );
      const after = await prometheusQueryCount(prometheus.url);
      expect(responses.map(r => r.status)).toEqual(Array(50).fill(200));
      const bodies = new Set(responses.map(r => JSON.stringify(r.body)));
      expect(bodies.size).toBe(1);
      const body = responses[0].body as MetricsResponse;
      expect(body.signals.map(s => s.signal)).toEqual([...SIGNALS]);
      // twelve series over six signals: twelve queries, not 600
      expect(ALL_QUERIES).toBe(12);
      expect(after - before).toBe(ALL_QUERIES);
    });
  });

  it('without a cache, asks each query of the tab once per request (one request, not one per signal)', async () => {
    // a backend that keeps nothing (1 ms): only an in-flight query can be shared
    await withObservabilityBackend(
      {
        config: {
          observability: {
            ...historyConfig(prometheus.url),
            cache: { ttlSeconds: 0.001 },
          },
        },
        entities,
        teamNamespaces,
      },
      async uncached => {
        const path = `/entities/component/default/checkout/metrics?signals=${ALL}&range=1h`;
        for (let i = 0; i < 3; i++) {
          const before = await prometheusQueryCount(prometheus.url);
          const res = await uncached.get(path);
          expect(res.status).toBe(200);
          expect(await prometheusQueryCount(prometheus.url)).toBe(
            before + ALL_QUERIES,
          );
        }
      },
    );
  });

  it('refuses a bad signal list with a 400 naming the field, before any query', async () => {
    const before = await prometheusQueryCount(prometheus.url);
    const known = SIGNALS.join(', ');
    for (const [query, message] of [
      ['range=1h', `signals: is required: a comma-separated list of ${known}`],
      ['signals=&range=1h', `signals.0: must be one of ${known}`],
      ['signals=cpu,disk', `signals.1: must be one of ${known}`],
      ['signals=cpu,memory,cpu', 'signals: names a signal twice'],
      [
        'signals=cpu&signals=memory',
        'signals: must be given once, as one comma-separated list',
      ],
      [`signals=${'cpu,'.repeat(60)}cpu`, 'signals: is longer than'],
    ]) {
      const res = await api.get(
        `/entities/component/default/checkout/metrics?${query}`,
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(`Query parameters: ${message}`);
    }
    expect(await prometheusQueryCount(prometheus.url)).toBe(before);
  });

  it('answers the signals that worked when one fails upstream, and fails as it did when all do', async () => {
    await withObservabilityBackend(
      {
        config: {
          observability: {
            ...historyConfig(prometheus.url),
            queries: { restarts: { restarts: FAILING_RESTARTS } },
          },
        },
        entities,
        teamNamespaces,
      },
      async broken => {
        const read = (path: string) =>
          withFrozenDate(() => broken.get(path), history.historyAt * 1000);
        const base = '/entities/component/default/checkout/metrics';
        const res = await read(`${base}?signals=cpu,restarts&range=15m`);
        expect(res.status).toBe(200);
        const [cpu, restarts] = (res.body as MetricsResponse).signals;
        expect(lastValue(cpu, 'requests')).toBe(0.5);
        expect(restarts).toMatchObject({
          signal: 'restarts',
          unit: 'count',
          series: [],
          error: {
            name: 'UpstreamError',
            statusCode: 502,
            message:
              'Prometheus could not run the restarts restarts query (execution)',
          },
        });
        expect(JSON.stringify(restarts)).not.toContain('not-a-label');
        const alone = await read(`${base}?signals=restarts&range=15m`);
        expect(alone.status).toBe(502);
        expect(alone.body.error.message).toBe(restarts.error!.message);
      },
    );
  });

  it('ends every window on a step boundary: viewers within one step read one window', async () => {
    const step = 90; // the 6h preset's
    // a step boundary in the past (every window below has happened)
    const boundary = (Math.floor(Date.now() / 1000 / step) - 1) * step;
    const path =
      '/entities/component/default/checkout/metrics?signals=cpu,memory&range=6h';
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
        `/entities/component/default/checkout/metrics?signals=cpu&${query}`,
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(
        'is not accepted: the window is chosen by the backend; give range=15m|1h|6h|24h|7d',
      );
    }
    expect(await prometheusQueryCount(prometheus.url)).toBe(before);
    const asked = Date.now() / 1000;
    const ok = await api.get(
      '/entities/component/default/checkout/metrics?signals=cpu&range=24h',
    );
    expect(ok.body.window.step).toBe(360);
    expect(ok.body.window.end - ok.body.window.start).toBe(86400);
    // on a step boundary, its newest point at most one step old
    expect(ok.body.window.end % 360).toBe(0);
    expect(ok.body.window.end).toBeGreaterThan(asked - 360);
    expect(ok.body.window.end).toBeLessThanOrEqual(Date.now() / 1000);
    const preset = await api.get(
      '/entities/component/default/checkout/metrics?signals=cpu&range=2h',
    );
    expect(preset.status).toBe(400);
    expect(preset.body.error.message).toContain(
      'range must be one of 15m, 1h, 6h, 24h, 7d',
    );
  });

  it('answers 404 for an entity the catalog does not have (or hides from the caller)', async () => {
    const res = await api.get(
      '/entities/component/default/nope/metrics?signals=cpu',
    );
    expect(res.status).toBe(404);
  });

  it('needs a signed-in caller', async () => {
    const res = await api.anonymous(
      '/entities/component/default/checkout/metrics?signals=cpu',
    );
    expect(res.status).toBe(401);
  });
});
