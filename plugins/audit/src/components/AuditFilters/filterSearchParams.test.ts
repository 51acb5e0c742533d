import {
  filterFromSearchParams,
  withFilterSearchParams,
} from './filterSearchParams';

describe('filterSearchParams', () => {
  it('reads every filter key and skips empty ones', () => {
    const params = new URLSearchParams(
      'actor=user%3Adefault%2Falice&action=catalog.entity-mutate&plugin=&outcome=failed&from=2024-01-01T00%3A00%3A00.000Z&event=42',
    );
    expect(filterFromSearchParams(params)).toEqual({
      actor: 'user:default/alice',
      action: 'catalog.entity-mutate',
      outcome: 'failed',
      from: '2024-01-01T00:00:00.000Z',
    });
  });

  it('writes the filter over the old one, keeping other keys unless dropped', () => {
    const old = new URLSearchParams('actor=bob&plugin=argocd&event=7&tab=x');
    const next = withFilterSearchParams(old, { actor: 'alice', to: ' ' }, [
      'event',
    ]);
    expect(next.get('actor')).toBe('alice');
    expect(next.has('plugin')).toBe(false);
    expect(next.has('to')).toBe(false);
    expect(next.has('event')).toBe(false);
    expect(next.get('tab')).toBe('x');
  });

  it('round-trips a filter through the query string', () => {
    const filter = {
      entityRef: 'component:default/a b&c',
      outcome: 'succeeded' as const,
    };
    const params = new URLSearchParams(
      withFilterSearchParams(new URLSearchParams(), filter).toString(),
    );
    expect(filterFromSearchParams(params)).toEqual(filter);
  });
});
