import { ServiceHealthClient } from './ServiceHealthClient';

function client(now = () => 0) {
  const fetch = jest.fn(async (url: string, init?: RequestInit) => {
    if (url.endsWith('/batch')) {
      const { entityRefs } = JSON.parse(String(init?.body));
      return new Response(
        JSON.stringify({
          items: Object.fromEntries(
            entityRefs.map((r: string) => [
              r,
              { state: 'no-data', reason: 'no-annotation' },
            ]),
          ),
        }),
      );
    }
    if (url.includes('/broken/'))
      return new Response(
        JSON.stringify({ error: { name: 'Error', message: 'nope' } }),
        { status: 500 },
      );
    return new Response(
      JSON.stringify({
        state: 'no-data',
        entityRef: 'x',
        reason: 'no-annotation',
      }),
    );
  });
  const api = new ServiceHealthClient({
    discoveryApi: {
      getBaseUrl: async () => 'http://backend/api/service-health',
    },
    fetchApi: { fetch: fetch as any },
    now,
  });
  return { api, fetch };
}

describe('ServiceHealthClient', () => {
  it('lets the Code and CI/CD cards share one request per entity', async () => {
    const { api, fetch } = client();
    await Promise.all([
      api.getCode('component:default/payments'),
      api.getCode('component:default/payments'),
    ]);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/service-health/entities/component/default/payments/code',
    );
  });

  it('asks again after the answer is 10 s old, or after an error', async () => {
    let t = 0;
    const { api, fetch } = client(() => t);
    await api.getCode('component:default/payments');
    t = 11_000;
    await api.getCode('component:default/payments');
    expect(fetch).toHaveBeenCalledTimes(2);
    await expect(api.getCode('component:default/broken')).rejects.toThrow(
      /500/,
    );
    await expect(api.getCode('component:default/broken')).rejects.toThrow();
    expect(fetch).toHaveBeenCalledTimes(4);
  });

  it('asks for a page of N rows in one request', async () => {
    const { api, fetch } = client();
    const refs = Array.from(
      { length: 50 },
      (_, i) => `component:default/svc-${i}`,
    );
    const { items } = await api.getBatch(refs);
    expect(Object.keys(items)).toHaveLength(50);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0][1]).toMatchObject({ method: 'POST' });
  });
});
