import { parseLogql, logqlProblem } from './logql';
import { buildLogQuery } from '../query/logql';
import { LabelSelector } from '../query/LabelSelector';
import { selectDemoStreams } from './demoStack';

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
