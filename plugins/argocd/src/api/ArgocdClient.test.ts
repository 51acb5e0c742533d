import { mockApis } from '@backstage/frontend-test-utils';
import type { StatusResponse } from '@internal/plugin-argocd-common';
import { makeEntityStatus } from '../testing/fixtures';
import { ArgocdClient } from './ArgocdClient';

const baseUrl = 'http://portico.test/api/argocd';

function jsonResponse(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

function statusAnswer(refs: string[]): StatusResponse {
  return {
    items: Object.fromEntries(refs.map(ref => [ref, makeEntityStatus(ref)])),
    instances: [{ name: 'prod', status: 'ok', ageSeconds: 3 }],
  };
}

function makeClient(
  handler: (url: string, init: RequestInit) => Response | Promise<Response>,
  now?: () => number,
) {
  const fetchImpl = jest.fn(
    async (input: RequestInfo | URL, init?: RequestInit) =>
      handler(String(input instanceof Request ? input.url : input), init ?? {}),
  );
  const client = new ArgocdClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://portico.test' }),
    fetchApi: { fetch: fetchImpl as typeof fetch },
    now,
  });
  return { client, fetchImpl };
}

describe('ArgocdClient', () => {
  it('merges N concurrent status requests into one POST /status', async () => {
    const { client, fetchImpl } = makeClient((_url, init) =>
      jsonResponse(statusAnswer(JSON.parse(String(init.body)).entityRefs)),
    );
    const refs = Array.from(
      { length: 25 },
      (_, i) => `component:default/svc-${i}`,
    );

    const results = await Promise.all(
      refs.map(ref => client.getEntityStatus(ref)),
    );

    expect(fetchImpl).toHaveBeenCalledTimes(1);
    const [url, init] = fetchImpl.mock.calls[0];
    expect(url).toBe(`${baseUrl}/status`);
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({ entityRefs: refs });
    expect(results.map(r => r.status.entityRef)).toEqual(refs);
    expect(results[0].instances).toEqual([
      { name: 'prod', status: 'ok', ageSeconds: 3 },
    ]);
  });

  it('reuses a status for a while, then asks again', async () => {
    let now = 1_000;
    const { client, fetchImpl } = makeClient(
      (_url, init) =>
        jsonResponse(statusAnswer(JSON.parse(String(init.body)).entityRefs)),
      () => now,
    );
    await client.getEntityStatus('component:default/a');
    await client.getEntityStatus('component:default/a');
    expect(fetchImpl).toHaveBeenCalledTimes(1);

    now += 60_000;
    await client.getEntityStatus('component:default/a');
    expect(fetchImpl).toHaveBeenCalledTimes(2);

    // After a change signal the caller asks past the cache, and the fresh answer is reused.
    await client.getEntityStatus('component:default/a', { fresh: true });
    expect(fetchImpl).toHaveBeenCalledTimes(3);
    await client.getEntityStatus('component:default/a');
    expect(fetchImpl).toHaveBeenCalledTimes(3);
  });

  it('does not keep a failed status, and reports the backend error', async () => {
    let fail = true;
    const { client, fetchImpl } = makeClient((_url, init) =>
      fail
        ? jsonResponse(
            {
              error: { name: 'Error', message: 'boom' },
              response: { statusCode: 500 },
            },
            500,
          )
        : jsonResponse(statusAnswer(JSON.parse(String(init.body)).entityRefs)),
    );
    await expect(
      client.getEntityStatus('component:default/a'),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 500,
      body: { error: { message: 'boom' } },
    });
    fail = false;
    await expect(
      client.getEntityStatus('component:default/a'),
    ).resolves.toMatchObject({ status: { entityRef: 'component:default/a' } });
    expect(fetchImpl).toHaveBeenCalledTimes(2);
  });

  it('reads the entity detail and config, and posts actions on one named application', async () => {
    const { client, fetchImpl } = makeClient(url => {
      if (url.endsWith('/config')) {
        return jsonResponse({ configured: true, instances: [] });
      }
      if (url.endsWith('/sync')) {
        return jsonResponse({
          action: 'sync',
          entityRef: 'x',
          result: { instance: 'prod', name: 'payments-api' },
        });
      }
      return jsonResponse({ entityRef: 'component:default/payments-api' });
    });

    await expect(client.getConfig()).resolves.toEqual({
      configured: true,
      instances: [],
    });
    await client.getEntityDetail('component:default/payments-api');
    await client.sync('component:default/payments-api', {
      instance: 'prod',
      name: 'payments-api',
    });
    await client.refresh('Component:default/payments-api', {
      instance: 'staging',
      name: 'payments-api',
      appNamespace: 'team-x',
    });

    const calls = fetchImpl.mock.calls.map(([url, init]) => [
      url,
      init?.method,
      init?.body,
    ]);
    expect(calls).toEqual([
      [`${baseUrl}/config`, 'GET', undefined],
      [`${baseUrl}/entities/component/default/payments-api`, 'GET', undefined],
      [
        `${baseUrl}/entities/component/default/payments-api/applications/prod/payments-api/sync`,
        'POST',
        '{}',
      ],
      [
        `${baseUrl}/entities/Component/default/payments-api/applications/staging/payments-api/refresh`,
        'POST',
        JSON.stringify({ appNamespace: 'team-x' }),
      ],
    ]);
  });
});
