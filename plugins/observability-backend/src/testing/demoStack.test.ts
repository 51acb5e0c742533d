import { parseLogql, logqlProblem } from './logql';
import { buildLogQuery } from '../query/logql';
import { LabelSelector } from '../query/LabelSelector';
import { selectDemoStreams, startDemoStack } from './demoStack';
import { EXPORTED_SERVICES } from './exporterServices';

describe('demo Loki', () => {
  it('selects what the real LogQL parser reads from our queries', () => {
    const selector = LabelSelector.of([
      { name: 'namespace', value: 'storefront' },
      { name: 'app', value: 'checkout-service' },
    ]);
    const query = buildLogQuery(
      selector,
      { text: 'orders', level: 'info' },
      'detected_level',
    );
    expect(logqlProblem(query)).toBeUndefined();
    const parsed = parseLogql(query);
    const streams = selectDemoStreams(query, 1_700_000_000);
    expect(streams.length).toBeGreaterThan(0);
    for (const s of streams) {
      expect(s.stream).toMatchObject({
        ...parsed.matchers,
        ...parsed.labelFilters,
      });
      for (const [, line] of s.values)
        expect(line).toContain(parsed.lineFilters[0]);
    }
  });

  it("keeps a set matcher (the team's namespaces) to its namespaces", () => {
    const query = (namespaces: string[]) =>
      buildLogQuery(
        LabelSelector.scoped({ name: 'namespace', values: namespaces }, [
          { name: 'app', value: 'checkout-service' },
        ]),
        {},
        'detected_level',
      );
    expect(logqlProblem(query(['storefront', 'payments']))).toBeUndefined();
    expect(
      selectDemoStreams(query(['storefront', 'payments']), 1_700_000_000)
        .length,
    ).toBeGreaterThan(0);
    expect(
      selectDemoStreams(query(['payments', 'platform']), 1_700_000_000),
    ).toEqual([]);
  });
});

describe('startDemoStack with a workload', () => {
  let stack: Awaited<ReturnType<typeof startDemoStack>> | undefined;
  afterAll(() => stack?.stop());

  it('serves the given services, with constant figures and only the hours of history asked for', async () => {
    const now = Math.floor(Date.now() / 1000);
    const wide = { ...EXPORTED_SERVICES.checkout, app: 'wide', replicas: 3 };
    stack = await startDemoStack(
      {},
      {
        services: [wide, EXPORTED_SERVICES.payments],
        clock: { origin: now - 3 * 3600 },
        historyHours: 1,
        minSamples: 2,
      },
    );
    const query = async (promql: string, time?: number) => {
      const params = new URLSearchParams({ query: promql });
      if (time !== undefined) params.set('time', String(time));
      const res = await fetch(`${stack!.prometheusUrl}/api/v1/query?${params}`);
      const body = (await res.json()) as any;
      expect(body.status).toBe('success');
      return body.data.result as Array<{
        metric: Record<string, string>;
        value: [number, string];
      }>;
    };
    const pods = (time?: number) =>
      query('count by (app) (container_memory_working_set_bytes)', time).then(
        result =>
          Object.fromEntries(result.map(r => [r.metric.app, r.value[1]])),
      );

    // only these services (none of the demo's), `wide` over its 3 pods
    expect(await pods()).toEqual({ wide: '3', payments: '1' });
    // no wave: the gauges are the services' figures
    const memory = await query(
      'sum by (app) (container_memory_working_set_bytes{app="payments"})',
    );
    expect(Number(memory[0].value[1])).toBe(
      EXPORTED_SERVICES.payments.memoryBytes,
    );
    // the history reaches back one hour, not the demo's two days
    expect(await pods(now - 55 * 60)).toEqual({ wide: '3', payments: '1' });
    expect(await pods(now - 70 * 60)).toEqual({});
  });
});
