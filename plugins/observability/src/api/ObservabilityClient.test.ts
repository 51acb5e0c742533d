import { ResponseError } from '@backstage/errors';
import { ObservabilityClient } from './ObservabilityClient';

const BASE = 'http://localhost:7007/api/observability';
const ref = { kind: 'Component', namespace: 'default', name: 'check out' };

function setup(response = new Response('{}', { status: 200 })) {
  const fetch = jest.fn(async (_url: string, _init?: RequestInit) => response);
  const client = new ObservabilityClient({
    discoveryApi: { getBaseUrl: async () => BASE },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  return { client, url: () => fetch.mock.calls[0][0] };
}

describe('ObservabilityClient', () => {
  it('asks for every signal of a panel in one request, by entity, names and range', async () => {
    const { client, url } = setup();
    await client.getMetrics(ref, ['cpu', 'latency', 'restarts'], '6h');
    expect(url()).toBe(
      `${BASE}/entities/Component/default/check%20out/metrics?signals=cpu%2Clatency%2Crestarts&range=6h`,
    );
  });

  it('sends only the log filters that are set', async () => {
    const { client, url } = setup();
    await client.getLogs(ref, { range: '1h', query: 'a"b', level: 'error' });
    expect(url()).toBe(
      `${BASE}/entities/Component/default/check%20out/logs?range=1h&query=a%22b&level=error`,
    );
  });

  it('fetches rendered panels from the backend only', async () => {
    const { client, url } = setup(
      new Response(new Blob(['png']), { status: 200 }),
    );
    await client.getPanelImage(
      'entities/c/d/n/grafana/panels/2/render?range=1h',
      { width: 600, height: 260 },
    );
    expect(url()).toBe(
      `${BASE}/entities/c/d/n/grafana/panels/2/render?range=1h&width=600&height=260`,
    );
    await expect(
      client.getPanelImage('https://evil.example/x.png', {
        width: 1,
        height: 1,
      }),
    ).rejects.toThrow('backend only');
  });

  it('rejects with a ResponseError carrying the status', async () => {
    const { client } = setup(
      new Response(
        JSON.stringify({
          error: { name: 'NotAllowedError', message: 'owners only' },
        }),
        {
          status: 403,
          headers: { 'Content-Type': 'application/json' },
        },
      ),
    );
    const error = await client.getLogs(ref, { range: '1h' }).catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.response.status).toBe(403);
  });
});
