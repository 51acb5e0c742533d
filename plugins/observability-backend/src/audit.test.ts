import type { AuditorEvent } from '@backstage/backend-defaults/auditor';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  componentEntity,
  startObservabilityBackend,
  withObservabilityBackend,
  shopComponent,
} from './testing/startObservabilityBackend';

jest.setTimeout(60_000);

const TEAM_NAMESPACES = { 'team-a': ['shop'], 'team-b': ['shop-b'] };

/** Prometheus and Loki in one (and the Grafana URL): counts what it is asked, answers empty results. */
async function startCountingUpstream() {
  const asked: string[] = [];
  const server = http.createServer((req, res) => {
    asked.push(req.url ?? '');
    const path = req.url ?? '';
    let resultType: string | undefined;
    if (path.startsWith('/loki/api/v1/query_range')) resultType = 'streams';
    else if (path.startsWith('/api/v1/query_range')) resultType = 'matrix';
    else if (path.startsWith('/api/v1/query')) resultType = 'vector';
    res.setHeader('Content-Type', 'application/json');
    if (!resultType) {
      res.statusCode = 404;
      res.end('{}');
      return;
    }
    res.end(
      JSON.stringify({ status: 'success', data: { resultType, result: [] } }),
    );
  });
  await new Promise<void>(resolve =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    asked,
    stop: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

const entities = (upstream: string) => [
  shopComponent('checkout'),
  // team-a's entities pointing at team-b's namespace, or at a dashboard not listed for team-a
  componentEntity('points-at-b', {
    'backstage.io/kubernetes-namespace': 'shop-b',
    'backstage.io/kubernetes-id': 'svc-b',
  }),
  componentEntity('selector-b', {
    'portico.io/prometheus-selector': 'namespace=shop-b,app=svc-b',
  }),
  componentEntity('dashboard-b', {
    'backstage.io/kubernetes-namespace': 'shop',
    'grafana/dashboard-url': `${upstream}/d/team-b-billing/billing`,
    'portico.io/grafana-panel-ids': '2',
  }),
  componentEntity('malformed', {
    'portico.io/prometheus-selector': 'namespace',
  }),
];

const config = (upstream: string, rateLimit?: object) => ({
  observability: {
    prometheus: { url: upstream },
    loki: { url: upstream },
    grafana: {
      url: upstream,
      embedMode: 'render-proxy',
      serviceAccountToken: 'glsa_audit_test_token',
      teamDashboards: { 'team-a': ['svc-http'], 'team-b': ['team-b-billing'] },
    },
    ...(rateLimit ? { rateLimit } : {}),
  },
});

const failed = (events: AuditorEvent[]) =>
  events.filter(e => e.status === 'failed');

describe('observability audit: every refusal is recorded, with the caller and the reason', () => {
  let upstream: Awaited<ReturnType<typeof startCountingUpstream>>;
  let api: Awaited<ReturnType<typeof startObservabilityBackend>>;

  beforeAll(async () => {
    upstream = await startCountingUpstream();
    api = await startObservabilityBackend({
      config: config(upstream.url),
      entities: entities(upstream.url),
      teamNamespaces: TEAM_NAMESPACES,
      logs: AuthorizeResult.ALLOW,
      recordAudit: true,
    });
  });
  afterAll(async () => {
    await api.stop();
    await upstream.stop();
  });
  beforeEach(() => {
    api.auditEvents.length = 0;
    upstream.asked.length = 0;
  });

  it.each([
    [
      'metrics, namespace annotation',
      'points-at-b/metrics?signals=cpu&range=1h',
      'observability-metrics-read',
      /backstage\.io\/kubernetes-namespace annotation names namespace "shop-b", which is not one of team-a's namespaces/,
    ],
    [
      'metrics, selector annotation',
      'selector-b/metrics?signals=cpu&range=1h',
      'observability-metrics-read',
      /portico\.io\/prometheus-selector annotation names namespace "shop-b"/,
    ],
    [
      'summary',
      'points-at-b/summary',
      'observability-summary-read',
      /names namespace "shop-b"/,
    ],
    [
      'cost',
      'points-at-b/cost',
      'observability-cost-read',
      /names namespace "shop-b"/,
    ],
    [
      'logs',
      'points-at-b/logs?level=error',
      'observability-logs-read',
      /names namespace "shop-b"/,
    ],
    [
      'grafana panel list',
      'dashboard-b/grafana?range=1h',
      'observability-grafana-panels-read',
      /names dashboard "team-b-billing", which the platform does not list for team team-a/,
    ],
    [
      'grafana panel render',
      'dashboard-b/grafana/panels/2/render?range=1h',
      'observability-grafana-panel-render',
      /names dashboard "team-b-billing"/,
    ],
  ])(
    '%s: a 403 of scope is a failed medium event by the caller, with its reason, and nothing is asked upstream',
    async (_what, path, eventId, reason) => {
      const url = `/entities/component/default/${path}`;
      const res = await api.get(url);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(reason);
      expect(upstream.asked).toEqual([]);

      const refusals = failed(api.auditEvents);
      expect(refusals).toHaveLength(1);
      const [event] = refusals;
      expect(event).toMatchObject({
        plugin: 'observability',
        eventId,
        severityLevel: 'medium',
        actor: { actorId: 'user:default/bob' },
        request: { method: 'GET', url: `/api/observability${url}` },
        meta: expect.objectContaining({
          entityRef: `component:default/${path.split('/')[0]}`,
          status: 403,
        }),
      });
      expect(String((event.error as Error).message)).toMatch(reason);
      // the initiated record of the same event, nothing else
      expect(api.auditEvents.map(e => e.status)).toEqual([
        'initiated',
        'failed',
      ]);
    },
  );

  it('records a 400 of scope (a malformed annotation) the same way', async () => {
    const res = await api.get(
      '/entities/component/default/malformed/metrics?signals=cpu,latency',
    );
    expect(res.status).toBe(400);
    const [event] = failed(api.auditEvents);
    expect(event).toMatchObject({
      eventId: 'observability-metrics-read',
      severityLevel: 'medium',
      actor: { actorId: 'user:default/bob' },
      meta: expect.objectContaining({
        status: 400,
        signals: ['cpu', 'latency'],
        range: '1h',
      }),
    });
    expect((event.error as Error).message).toContain(
      'portico.io/prometheus-selector',
    );
  });

  it("records a refused principal: a service token asking for a panel render (users only), with the service's subject", async () => {
    const res = await api.getAsService(
      '/entities/component/default/checkout/grafana/panels/2/render',
    );
    expect(res.status).toBe(403);
    const [event] = failed(api.auditEvents);
    expect(event).toMatchObject({
      eventId: 'observability-grafana-panel-render',
      severityLevel: 'medium',
      actor: { actorId: 'external:test-service' },
    });
    expect((event.error as Error).message).toContain("'service'");
    expect(upstream.asked).toEqual([]);
  });

  it('records a refused logs permission with the reason', async () => {
    await withObservabilityBackend(
      {
        config: config(upstream.url),
        entities: entities(upstream.url),
        teamNamespaces: TEAM_NAMESPACES,
        logs: AuthorizeResult.DENY,
        recordAudit: true,
      },
      async denied => {
        const res = await denied.getAs(
          'user:default/mallory',
          '/entities/component/default/checkout/logs',
        );
        expect(res.status).toBe(403);
        const [event] = failed(denied.auditEvents);
        expect(event).toMatchObject({
          eventId: 'observability-logs-read',
          severityLevel: 'medium',
          actor: { actorId: 'user:default/mallory' },
          meta: expect.objectContaining({
            entityRef: 'component:default/checkout',
            status: 403,
          }),
        });
        expect((event.error as Error).message).toContain(
          'Only the owners of component:default/checkout may read its logs',
        );
        expect(upstream.asked).toEqual([]);
      },
    );
  });

  it('does not record successful reads of metrics, summary, cost and panels; logs reads stay audited', async () => {
    for (const path of [
      'checkout/metrics?signals=cpu&range=1h',
      'checkout/summary',
      'checkout/cost',
      'checkout/grafana',
    ]) {
      const res = await api.get(`/entities/component/default/${path}`);
      expect(res.status).toBe(200);
    }
    expect(upstream.asked.length).toBeGreaterThan(0);
    expect(api.auditEvents).toEqual([]);

    const logs = await api.get('/entities/component/default/checkout/logs');
    expect(logs.status).toBe(200);
    expect(
      api.auditEvents.map(e => [e.eventId, e.severityLevel, e.status]),
    ).toEqual([
      ['observability-logs-read', 'medium', 'initiated'],
      ['observability-logs-read', 'medium', 'succeeded'],
    ]);
    expect(api.auditEvents[1].actor.actorId).toBe('user:default/bob');
  });

  it('records nothing for an anonymous caller (401): unauthenticated traffic writes no audit record', async () => {
    for (const path of [
      'points-at-b/metrics?signals=cpu',
      'points-at-b/logs',
      'dashboard-b/grafana',
    ]) {
      const res = await api.anonymous(`/entities/component/default/${path}`);
      expect(res.status).toBe(401);
    }
    expect(api.auditEvents).toEqual([]);
  });
});

describe('observability audit: a flood of 429s', () => {
  it('writes one low record per caller a minute, not one per refusal', async () => {
    const upstream = await startCountingUpstream();
    const api = await startObservabilityBackend({
      config: config(upstream.url, { requestsPerMinute: 1, burst: 2 }),
      entities: entities(upstream.url),
      teamNamespaces: TEAM_NAMESPACES,
      recordAudit: true,
    });
    try {
      const path = '/entities/component/default/points-at-b/cost';
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) {
        statuses.push((await api.get(path)).status);
      }
      // the burst: two refusals of scope; then the limit
      expect(statuses).toEqual([403, 403, ...Array(18).fill(429)]);
      for (let i = 0; i < 5; i++) {
        expect((await api.getAs('user:default/carol', path)).status).not.toBe(
          500,
        );
      }

      const records = failed(api.auditEvents).map(e => [
        e.actor.actorId,
        e.severityLevel,
        (e.meta as { status?: number } | undefined)?.status,
      ]);
      expect(records).toEqual([
        ['user:default/bob', 'medium', 403],
        ['user:default/bob', 'medium', 403],
        ['user:default/bob', 'low', 429],
        ['user:default/carol', 'medium', 403],
        ['user:default/carol', 'medium', 403],
        ['user:default/carol', 'low', 429],
      ]);
      const limited = failed(api.auditEvents).find(
        e => e.severityLevel === 'low',
      )!;
      expect(limited.eventId).toBe('observability-cost-read');
      expect((limited.error as Error).message).toContain(
        'Too many observability requests from user:default/bob',
      );
      expect(upstream.asked).toEqual([]);
    } finally {
      await api.stop();
      await upstream.stop();
    }
  });
});
