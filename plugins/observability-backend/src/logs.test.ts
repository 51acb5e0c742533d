import { AuthorizeResult } from '@backstage/plugin-permission-common';
import Ajv2020 from 'ajv/dist/2020';
import {
  componentEntity,
  startObservabilityBackend,
  shopComponent,
} from './testing/startObservabilityBackend';
import { logqlProblem, parseLogql } from './testing/logql';
import { withFrozenDate } from './testing/frozenDate';
import { type LokiStream, startFakeLoki } from './testUtils';
import { lokiQueryRangeSchema } from './testing/lokiQueryRangeSchema';

const entities = [
  shopComponent('checkout'),
  shopComponent('payments'),
  // no namespace annotation: all of team-a's namespaces
  componentEntity('all-ns', { 'backstage.io/kubernetes-id': 'checkout' }),
  // team-b points at team-a's namespace
  componentEntity(
    'intruder',
    {
      'backstage.io/kubernetes-namespace': 'shop',
      'backstage.io/kubernetes-id': 'checkout',
    },
    'group:default/team-b',
  ),
  componentEntity(
    'new-team',
    { 'backstage.io/kubernetes-id': 'checkout' },
    'group:default/team-new',
  ),
];
const teamNamespaces = { 'team-a': ['shop', 'shop-2'], 'team-b': ['shop-b'] };

const now = Math.floor(Date.now() / 1000);
const ns = (secondsAgo: number) => `${now - secondsAgo}000000000`;
const STREAMS: LokiStream[] = [
  {
    stream: { namespace: 'shop', app: 'checkout', detected_level: 'info' },
    values: [
      [ns(30), 'GET /cart 200'],
      [ns(10), 'POST /order 201'],
    ],
  },
  {
    stream: { namespace: 'shop', app: 'checkout', detected_level: 'error' },
    values: [[ns(20), 'payment gateway timeout']],
  },
  {
    stream: { namespace: 'shop', app: 'payments', detected_level: 'info' },
    values: [[ns(5), 'charge ok']],
  },
];

/**
 * The fake Loki's selection: streams whose labels equal every matcher of the parsed query (a
 * `=~` matcher of literal alternatives: one of them).
 */
function select(query: string): LokiStream[] | { error: string } {
  const problem = logqlProblem(query);
  if (problem) return { error: `parse error: ${problem}` };
  const { matchers, regexMatchers, lineFilters, labelFilters } =
    parseLogql(query);
  return STREAMS.filter(
    s =>
      Object.entries(matchers).every(([k, v]) => s.stream[k] === v) &&
      Object.entries(regexMatchers).every(([k, v]) =>
        v.split('|').includes(s.stream[k]),
      ) &&
      Object.entries(labelFilters).every(([k, v]) => s.stream[k] === v),
  )
    .map(s => ({
      stream: s.stream,
      values: s.values.filter(([, line]) =>
        lineFilters.every(f => line.includes(f)),
      ),
    }))
    .filter(s => s.values.length);
}

describe('logs through the fake Loki', () => {
  let loki: Awaited<ReturnType<typeof startFakeLoki>>;
  let api: Awaited<ReturnType<typeof startObservabilityBackend>>;

  beforeAll(async () => {
    loki = await startFakeLoki({ streamsFor: select });
    api = await startObservabilityBackend({
      config: {
        observability: {
          loki: {
            url: loki.url,
            token: 'loki-secret-token',
            tenant: 'team-shop',
          },
        },
      },
      entities,
      teamNamespaces,
    });
  });
  afterAll(async () => {
    await api?.stop();
    await loki?.stop();
  });

  it('serves answers that match the documented query_range shape', async () => {
    const validate = new Ajv2020({ strict: false }).compile(
      lokiQueryRangeSchema,
    );
    const res = await fetch(
      `${loki.url}/loki/api/v1/query_range?${new URLSearchParams({
        query: '{namespace="shop",app="checkout"}',
        limit: '10',
      })}`,
    );
    const body = await res.json();
    expect(validate(body)).toBe(true);
    expect(
      validate({
        status: 'success',
        data: { resultType: 'matrix', result: [] },
      }),
    ).toBe(false);
  });

  it("returns the service's lines newest first, with levels, as parsable LogQL", async () => {
    const res = await api.get(
      '/entities/component/default/checkout/logs?range=1h',
    );
    expect(res.status).toBe(200);
    expect(res.body.lines.map((l: any) => [l.level, l.line])).toEqual([
      ['info', 'POST /order 201'],
      ['error', 'payment gateway timeout'],
      ['info', 'GET /cart 200'],
    ]);
    const sent = loki.requests[loki.requests.length - 1];
    expect(logqlProblem(sent.query)).toBeUndefined();
    expect(parseLogql(sent.query).matchers).toEqual({
      namespace: 'shop',
      app: 'checkout',
    });
    expect(sent.headers.authorization).toBe('Bearer loki-secret-token');
    expect(sent.headers['x-scope-orgid']).toBe('team-shop');
    expect(JSON.stringify(res.body)).not.toContain('loki-secret-token');
  });

  it('filters by text and level', async () => {
    const text = await api.get(
      '/entities/component/default/checkout/logs?query=order',
    );
    expect(text.body.lines.map((l: any) => l.line)).toEqual([
      'POST /order 201',
    ]);
    const level = await api.get(
      '/entities/component/default/checkout/logs?level=error',
    );
    expect(level.body.lines.map((l: any) => l.line)).toEqual([
      'payment gateway timeout',
    ]);
    const sent = loki.requests[loki.requests.length - 1].query;
    expect(parseLogql(sent).labelFilters).toEqual({ detected_level: 'error' });
  });

  it('caps lines at the limit and says so', async () => {
    const res = await api.get(
      '/entities/component/default/checkout/logs?limit=2',
    );
    expect(res.body.lines).toHaveLength(2);
    expect(res.body.truncated).toBe(true);
  });

  it('asks Loki for one of a few limits, so varying the limit makes no new query', async () => {
    const before = loki.requests.length;
    const limits = [3, 7, 9, 50];
    // Date stands still (timers and sockets run): the four requests read one window, so a time
    // bucket boundary cannot fall between them
    await withFrozenDate(async () => {
      for (const limit of limits) {
        const res = await api.get(
          `/entities/component/default/checkout/logs?range=6h&limit=${limit}`,
        );
        expect(res.status).toBe(200);
        expect(res.body.lines).toHaveLength(3);
        expect(res.body.truncated).toBe(false);
      }
    });
    const sent = loki.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0].params.get('limit')).toBe('50');
  });

  it("ends the logs' window on the cache TTL (15 s), not on the range's step: range=7d shows the newest lines", async () => {
    // 100 s past a boundary of the 7d step (2520 s), in the past
    const boundary = (Math.floor(Date.now() / 1000 / 2520) - 1) * 2520;
    const before = loki.requests.length;
    await withFrozenDate(async () => {
      const res = await api.get(
        '/entities/component/default/checkout/logs?range=7d',
      );
      expect(res.status).toBe(200);
    }, (boundary + 100) * 1000);
    const [sent] = loki.requests.slice(before);
    expect(sent.params.get('end')).toBe(`${boundary + 90}000000000`);
    expect(sent.params.get('start')).toBe(
      `${boundary + 90 - 7 * 86400}000000000`,
    );
  });

  it('refuses service principals: logs are for users, whom the permission policy decides on', async () => {
    const before = loki.requests.length;
    api.permissions.authorize.mockClear();
    api.audited.fail.mockClear();
    const res = await api.getAsService(
      '/entities/component/default/checkout/logs',
    );
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain("'service'");
    expect(api.permissions.authorize).not.toHaveBeenCalled();
    expect(loki.requests.length).toBe(before);
    expect(api.audited.fail).toHaveBeenCalled();
  });

  it("reads all of the team's namespaces, as a literal set, for an entity that names none", async () => {
    const res = await api.get('/entities/component/default/all-ns/logs');
    expect(res.status).toBe(200);
    expect(res.body.lines).toHaveLength(3);
    const sent = loki.requests[loki.requests.length - 1].query;
    expect(logqlProblem(sent)).toBeUndefined();
    expect(parseLogql(sent)).toMatchObject({
      matchers: { app: 'checkout' },
      regexMatchers: { namespace: 'shop|shop-2' },
    });
  });

  it("refuses another team's namespace with a 403 naming it, asking Loki nothing", async () => {
    const before = loki.requests.length;
    const res = await api.get('/entities/component/default/intruder/logs');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain(
      'backstage.io/kubernetes-namespace annotation names namespace "shop", which is not one of team-b\'s namespaces',
    );
    expect(loki.requests.length).toBe(before);
  });

  it('answers no-namespaces, asking Loki nothing, when the owning team holds none', async () => {
    const before = loki.requests.length;
    const res = await api.get('/entities/component/default/new-team/logs');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ lines: [], empty: 'no-namespaces' });
    expect(loki.requests.length).toBe(before);
  });

  it('says no-data when the service has no lines', async () => {
    const res = await api.get(
      '/entities/component/default/checkout/logs?query=nothing-like-this',
    );
    expect(res.body).toMatchObject({ lines: [], empty: 'no-data' });
  });

  it('audits every read, allowed or not', async () => {
    api.auditor.createEvent.mockClear();
    await api.get('/entities/component/default/payments/logs');
    expect(api.auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'observability-logs-read',
        severityLevel: 'medium',
        meta: expect.objectContaining({
          entityRef: 'component:default/payments',
        }),
      }),
    );
    expect(api.audited.success).toHaveBeenCalled();
  });

  it('reports a Loki error without the query', async () => {
    const broken = await startFakeLoki({
      streamsFor: query => ({ error: `parse error at line 1: ${query}` }),
    });
    const other = await startObservabilityBackend({
      config: { observability: { loki: { url: broken.url } } },
      entities,
      logs: AuthorizeResult.ALLOW,
    });
    try {
      const res = await other.get('/entities/component/default/checkout/logs');
      expect(res.status).toBe(502);
      expect(res.body.error.message).toBe(
        'Loki could not run the logs query (HTTP 400)',
      );
      expect(JSON.stringify(res.body)).not.toContain('namespace=');
    } finally {
      await other.stop();
      await broken.stop();
    }
  });
});
