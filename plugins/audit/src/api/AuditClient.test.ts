import { ResponseError } from '@backstage/errors';
import { AUDIT_PAGE_SIZE_MAX } from '@internal/plugin-audit-common';
import { makeAuditEvent } from '../testing/makeAuditEvent';
import { AuditClient } from './AuditClient';

const BASE_URL = 'http://localhost:7007/api/audit';

function jsonResponse(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

function setup(response: Response = jsonResponse({ items: [] })) {
  const fetch = jest.fn(async (_url: string, _init?: RequestInit) => response);
  const getBaseUrl = jest.fn(async (_pluginId: string) => BASE_URL);
  const client = new AuditClient({
    discoveryApi: { getBaseUrl },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  const requestedUrl = () => fetch.mock.calls[0][0];
  return { client, fetch, getBaseUrl, requestedUrl };
}

describe('AuditClient', () => {
  it('lists events from the audit plugin base URL', async () => {
    const page = { items: [makeAuditEvent('1')], nextCursor: 'c1' };
    const { client, getBaseUrl, requestedUrl, fetch } = setup(
      jsonResponse(page),
    );

    await expect(client.listEvents()).resolves.toEqual(page);
    expect(getBaseUrl).toHaveBeenCalledWith('audit');
    expect(requestedUrl()).toBe(`${BASE_URL}/events`);
    expect(fetch.mock.calls[0][1]).toEqual({
      headers: { Accept: 'application/json' },
    });
  });

  it('sends every filter, the cursor and the limit, URL-encoded', async () => {
    const { client, requestedUrl } = setup();
    await client.listEvents({
      filter: {
        actor: 'user:default/alice smith',
        action: 'catalog.entity-mutate',
        plugin: 'catalog',
        entityRef: 'component:default/a&b=c',
        outcome: 'failed',
        from: '2024-03-01T00:00:00.000Z',
        to: '2024-03-02T00:00:00+01:00',
      },
      cursor: 'abc/+=',
      limit: 50,
    });
    expect(requestedUrl()).toBe(
      `${BASE_URL}/events?actor=user%3Adefault%2Falice%20smith` +
        '&action=catalog.entity-mutate&plugin=catalog' +
        '&entityRef=component%3Adefault%2Fa%26b%3Dc&outcome=failed' +
        '&from=2024-03-01T00%3A00%3A00.000Z&to=2024-03-02T00%3A00%3A00%2B01%3A00' +
        '&cursor=abc%2F%2B%3D&limit=50',
    );
    const params = new URL(requestedUrl()).searchParams;
    expect(params.get('entityRef')).toBe('component:default/a&b=c');
    expect(params.get('to')).toBe('2024-03-02T00:00:00+01:00');
  });

  it('leaves out empty filter values and keeps the limit within the maximum', async () => {
    const { client, requestedUrl } = setup();
    await client.listEvents({
      filter: { actor: '', plugin: 'scaffolder' },
      limit: 10_000,
    });
    expect(requestedUrl()).toBe(
      `${BASE_URL}/events?plugin=scaffolder&limit=${AUDIT_PAGE_SIZE_MAX}`,
    );
  });

  it('gets one event by its encoded id', async () => {
    const event = makeAuditEvent('12345678901234567890');
    const { client, requestedUrl } = setup(jsonResponse(event));
    await expect(client.getEvent(event.id)).resolves.toEqual(event);
    expect(requestedUrl()).toBe(`${BASE_URL}/events/12345678901234567890`);

    const other = setup(jsonResponse(event));
    await other.client.getEvent('a/b');
    expect(other.requestedUrl()).toBe(`${BASE_URL}/events/a%2Fb`);
  });

  it('exports CSV for the filters as a Blob, asking for text/csv', async () => {
    const csv =
      'id,time,actor\n1,2024-03-01T00:00:00.000Z,user:default/alice\n';
    const { client, requestedUrl, fetch } = setup(
      new Response(csv, { headers: { 'Content-Type': 'text/csv' } }),
    );
    const blob = await client.exportCsv({
      actor: 'user:default/alice',
      outcome: 'succeeded',
    });
    expect(requestedUrl()).toBe(
      `${BASE_URL}/events.csv?actor=user%3Adefault%2Falice&outcome=succeeded`,
    );
    expect(fetch.mock.calls[0][1]).toEqual({ headers: { Accept: 'text/csv' } });
    expect(await blob.text()).toBe(csv);
  });

  it('exports everything without filters', async () => {
    const { client, requestedUrl } = setup(new Response(''));
    await client.exportCsv();
    expect(requestedUrl()).toBe(`${BASE_URL}/events.csv`);
  });

  it('verifies the chain and reads the writer status', async () => {
    const verification = {
      ok: false,
      checked: 3,
      firstBrokenId: '4',
      reason: 'hash mismatch',
    };
    const v = setup(jsonResponse(verification));
    await expect(v.client.verifyChain()).resolves.toEqual(verification);
    expect(v.requestedUrl()).toBe(`${BASE_URL}/verify`);

    const status = { buffered: 1, capacity: 10, dropped: 0, written: 5 };
    const s = setup(jsonResponse(status));
    await expect(s.client.getWriterStatus()).resolves.toEqual(status);
    expect(s.requestedUrl()).toBe(`${BASE_URL}/status`);
  });

  it("throws a ResponseError carrying the backend's message and status", async () => {
    const { client } = setup(
      jsonResponse(
        {
          error: {
            name: 'InputError',
            message: "Invalid query parameter 'from': not an ISO 8601 time",
          },
          request: { method: 'GET', url: '/api/audit/events?from=x' },
          response: { statusCode: 400 },
        },
        400,
      ),
    );
    const error = await client
      .listEvents({ filter: { from: 'x' } })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(error.cause.name).toBe('InputError');
    expect(error.cause.message).toBe(
      "Invalid query parameter 'from': not an ISO 8601 time",
    );
  });

  it('throws a ResponseError for a 403 on every call', async () => {
    const forbidden = () =>
      jsonResponse(
        {
          error: { name: 'NotAllowedError', message: 'Forbidden' },
          response: { statusCode: 403 },
        },
        403,
      );
    for (const call of [
      (c: AuditClient) => c.listEvents(),
      (c: AuditClient) => c.getEvent('1'),
      (c: AuditClient) => c.exportCsv(),
      (c: AuditClient) => c.verifyChain(),
      (c: AuditClient) => c.getWriterStatus(),
    ]) {
      const { client } = setup(forbidden());
      await expect(call(client)).rejects.toMatchObject({
        name: 'ResponseError',
        statusCode: 403,
      });
    }
  });
});
