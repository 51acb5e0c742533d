import {
  componentEntity,
  startObservabilityBackend,
  withObservabilityBackend,
} from './testing/startObservabilityBackend';
import { withFrozenDate } from './testing/frozenDate';
import { PNG_SIGNATURE, startFakeGrafana } from './testUtils';

const TOKEN = 'glsa_service_account_secret';

const entities = (grafanaUrl: string) => [
  componentEntity('checkout', {
    'backstage.io/kubernetes-namespace': 'shop',
    'backstage.io/kubernetes-id': 'checkout',
    'grafana/dashboard-url': `${grafanaUrl}/d/svc-http/service-http`,
    'portico.io/grafana-panel-ids': '2:Requests,4:Latency p99',
  }),
  componentEntity('default-dash', {
    'backstage.io/kubernetes-namespace': 'shop',
    'backstage.io/kubernetes-id': 'payments',
  }),
  componentEntity('elsewhere', {
    'grafana/dashboard-url': 'https://evil.example/d/abc/x',
  }),
  // the Grafana service account sees every dashboard; the platform lists few of them
  componentEntity('unlisted', {
    'backstage.io/kubernetes-namespace': 'shop',
    'grafana/dashboard-url': `${grafanaUrl}/d/admin-secrets/x`,
    'portico.io/grafana-panel-ids': '1',
  }),
  componentEntity(
    'other-teams',
    {
      'backstage.io/kubernetes-namespace': 'shop-b',
      'grafana/dashboard-url': `${grafanaUrl}/d/svc-http/service-http`,
      'portico.io/grafana-panel-ids': '2',
    },
    'group:default/team-b',
  ),
  componentEntity(
    'shared',
    {
      'backstage.io/kubernetes-namespace': 'shop-b',
      'grafana/dashboard-url': `${grafanaUrl}/d/jvm/jvm`,
      'portico.io/grafana-panel-ids': '3',
    },
    'group:default/team-b',
  ),
  componentEntity('all-ns', { 'backstage.io/kubernetes-id': 'checkout' }),
  componentEntity(
    'new-team',
    { 'backstage.io/kubernetes-id': 'checkout' },
    'group:default/team-new',
  ),
];
const teamNamespaces = { 'team-a': ['shop', 'shop-2'], 'team-b': ['shop-b'] };

describe('Grafana panels', () => {
  let grafana: Awaited<ReturnType<typeof startFakeGrafana>>;

  beforeAll(async () => {
    grafana = await startFakeGrafana({ token: TOKEN });
  });
  afterAll(() => grafana.stop());

  const config = (embedMode: 'iframe' | 'render-proxy') => ({
    observability: {
      grafana: {
        url: grafana.url,
        embedMode,
        ...(embedMode === 'render-proxy' ? { serviceAccountToken: TOKEN } : {}),
        defaultDashboard: {
          uid: 'platform-default',
          panels: [{ id: 7, title: 'Pods' }],
        },
        teamDashboards: { 'team-a': ['svc-http'] },
        sharedDashboards: ['jvm'],
      },
    },
  });
  const start = (embedMode: 'iframe' | 'render-proxy') =>
    startObservabilityBackend({
      config: config(embedMode),
      entities: entities(grafana.url),
      teamNamespaces,
    });

  it('describes iframe panels with the entity variables and the time range', async () => {
    const api = await start('iframe');
    try {
      const res = await api.get(
        '/entities/component/default/checkout/grafana?range=6h',
      );
      expect(res.status).toBe(200);
      expect(
        res.body.panels.map((p: any) => [p.panelId, p.title, p.kind]),
      ).toEqual([
        [2, 'Requests', 'iframe'],
        [4, 'Latency p99', 'iframe'],
      ]);
      const src = new URL(res.body.panels[0].src);
      expect(src.origin + src.pathname).toBe(`${grafana.url}/d-solo/svc-http/`);
      expect(src.searchParams.get('panelId')).toBe('2');
      expect(src.searchParams.get('var-service')).toBe('checkout');
      expect(src.searchParams.get('var-namespace')).toBe('shop');
      const from = Number(src.searchParams.get('from'));
      const to = Number(src.searchParams.get('to'));
      expect(to - from).toBe(6 * 3600 * 1000);
      const dashboard = new URL(res.body.dashboardUrl);
      expect(dashboard.pathname).toBe('/d/svc-http/service-http');
      expect(dashboard.searchParams.get('var-service')).toBe('checkout');

      const fallback = await api.get(
        '/entities/component/default/default-dash/grafana',
      );
      expect(fallback.body.panels).toEqual([
        expect.objectContaining({ panelId: 7, title: 'Pods' }),
      ]);
      expect(
        new URL(fallback.body.panels[0].src).searchParams.get('var-service'),
      ).toBe('payments');

      const evil = await api.get(
        '/entities/component/default/elsewhere/grafana',
      );
      expect(evil.status).toBe(400);
      expect(evil.body.error.message).toContain('on the configured Grafana');
    } finally {
      await api.stop();
    }
  });

  it('renders panels through the backend with the token, which the browser never sees', async () => {
    const api = await start('render-proxy');
    try {
      const res = await api.get(
        '/entities/component/default/checkout/grafana?range=1h',
      );
      expect(res.body.panels[1]).toEqual({
        panelId: 4,
        title: 'Latency p99',
        kind: 'image',
        src: 'entities/component/default/checkout/grafana/panels/4/render?range=1h',
      });
      expect(JSON.stringify(res.body)).not.toContain(TOKEN);

      const before = grafana.requests.length;
      const image = await api
        .get(`/${res.body.panels[1].src}&width=400&height=200`)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(image.status).toBe(200);
      expect(image.headers['content-type']).toBe('image/png');
      expect((image.body as Buffer).subarray(0, 8)).toEqual(PNG_SIGNATURE);
      const sent = grafana.requests[before];
      expect(sent.path).toBe('/render/d-solo/svc-http/');
      expect(sent.authorization).toBe(`Bearer ${TOKEN}`);
      expect(sent.params.get('panelId')).toBe('4');
      expect(sent.params.get('var-service')).toBe('checkout');
      expect(sent.params.getAll('var-namespace')).toEqual(['shop']);
      // sizes are rounded up to a fixed set: 400x200 is rendered as 600x260
      expect(sent.params.get('width')).toBe('600');
      expect(sent.params.get('height')).toBe('260');

      const other = await api.get(
        '/entities/component/default/checkout/grafana/panels/99/render',
      );
      expect(other.status).toBe(404);
      const badSize = await api.get(
        '/entities/component/default/checkout/grafana/panels/4/render?width=abc',
      );
      expect(badSize.status).toBe(400);
    } finally {
      await api.stop();
    }
  });

  it('reports a Grafana refusal as 502 without the token', async () => {
    await withObservabilityBackend(
      {
        config: {
          observability: {
            grafana: {
              ...config('render-proxy').observability.grafana,
              serviceAccountToken: 'wrong',
            },
          },
        },
        entities: entities(grafana.url),
        teamNamespaces,
      },
      async api => {
        const res = await api.get(
          '/entities/component/default/checkout/grafana/panels/2/render',
        );
        expect(res.status).toBe(502);
        expect(res.body.error.message).toBe(
          'Grafana could not render panel 2 (HTTP 401)',
        );
      },
    );
  });

  it('renders only a few image sizes, whatever the caller asks', async () => {
    const api = await start('render-proxy');
    try {
      const sizes = new Set<string>();
      const before = grafana.requests.length;
      // Date stands still (timers and sockets run): the five requests read one window, so the
      // renders counted are the sizes', not a step boundary falling between two requests
      await withFrozenDate(async () => {
        for (const [w, h] of [
          [10, 10],
          [301, 151],
          [599, 259],
          [600, 260],
          [9999, 9999],
        ]) {
          const res = await api.get(
            `/entities/component/default/checkout/grafana/panels/2/render?range=6h&width=${w}&height=${h}`,
          );
          expect(res.status).toBe(200);
        }
      });
      for (const r of grafana.requests.slice(before)) {
        sizes.add(`${r.params.get('width')}x${r.params.get('height')}`);
      }
      expect([...sizes].sort()).toEqual(['1800x900', '300x150', '600x260']);
      // 301x151, 599x259 and 600x260 are one picture, rendered once
      expect(grafana.requests.length - before).toBe(3);
    } finally {
      await api.stop();
    }
  });

  it('renders the window of its range, ending on a step boundary: viewers a little apart ask for one picture', async () => {
    const api = await start('render-proxy');
    try {
      const step = 90; // the 6h preset's
      const boundary = (Math.floor(Date.now() / 1000 / step) - 1) * step;
      const path =
        '/entities/component/default/checkout/grafana/panels/2/render?range=6h';
      const renderAt = (seconds: number) =>
        withFrozenDate(async () => {
          expect((await api.get(path)).status).toBe(200);
        }, seconds * 1000);
      const before = grafana.requests.length;
      await renderAt(boundary + 1);
      await renderAt(boundary + 10);
      // one picture, kept for the cache TTL (15 s)
      expect(grafana.requests.length - before).toBe(1);
      // past the TTL, still within the step: the same picture asked again
      await renderAt(boundary + step - 1);
      // the next step: the next window
      await renderAt(boundary + step);
      expect(
        grafana.requests
          .slice(before)
          .map(r => [r.params.get('from'), r.params.get('to')]),
      ).toEqual([
        [String((boundary - 6 * 3600) * 1000), String(boundary * 1000)],
        [String((boundary - 6 * 3600) * 1000), String(boundary * 1000)],
        [
          String((boundary + step - 6 * 3600) * 1000),
          String((boundary + step) * 1000),
        ],
      ]);
    } finally {
      await api.stop();
    }
  });

  it('renders for users only: the platform’s Grafana token is not for service principals', async () => {
    const api = await start('render-proxy');
    try {
      const before = grafana.requests.length;
      const res = await api.getAsService(
        '/entities/component/default/checkout/grafana/panels/2/render',
      );
      expect(res.status).toBe(403);
      expect(grafana.requests.length).toBe(before);
    } finally {
      await api.stop();
    }
  });

  it.each(['iframe', 'render-proxy'] as const)(
    '%s: embeds only dashboards the platform lists for the owning team (403 naming the dashboard)',
    async embedMode => {
      const api = await start(embedMode);
      try {
        const before = grafana.requests.length;
        const unlisted = await api.get(
          '/entities/component/default/unlisted/grafana',
        );
        expect(unlisted.status).toBe(403);
        expect(unlisted.body.error.message).toBe(
          'The entity\'s grafana/dashboard-url annotation names dashboard "admin-secrets", which the platform does not list for team team-a (observability.grafana.teamDashboards.team-a, sharedDashboards or defaultDashboard)',
        );
        // team-a's dashboard is not team-b's
        const other = await api.get(
          '/entities/component/default/other-teams/grafana',
        );
        expect(other.status).toBe(403);
        expect(other.body.error.message).toContain(
          'names dashboard "svc-http", which the platform does not list for team team-b',
        );
        // render-proxy refuses to render them; iframe mode renders nothing at all (404)
        for (const path of [
          'unlisted/grafana/panels/1/render',
          'other-teams/grafana/panels/2/render',
        ]) {
          const res = await api.get(`/entities/component/default/${path}`);
          expect(res.status).toBe(embedMode === 'render-proxy' ? 403 : 404);
        }
        expect(grafana.requests.length).toBe(before);
        // a shared dashboard is every team's
        const shared = await api.get(
          '/entities/component/default/shared/grafana',
        );
        expect(shared.status).toBe(200);
        expect(shared.body.panels.map((p: any) => p.panelId)).toEqual([3]);
      } finally {
        await api.stop();
      }
    },
  );

  it("fills the namespace variable with each of the team's namespaces, or says no-namespaces", async () => {
    const api = await start('iframe');
    try {
      const res = await api.get('/entities/component/default/all-ns/grafana');
      expect(res.status).toBe(200);
      const src = new URL(res.body.panels[0].src);
      expect(src.searchParams.getAll('var-namespace')).toEqual([
        'shop',
        'shop-2',
      ]);
      const none = await api.get(
        '/entities/component/default/new-team/grafana',
      );
      expect(none.body).toEqual({ panels: [], empty: 'no-namespaces' });
    } finally {
      await api.stop();
    }
  });

  it('does not render in iframe mode', async () => {
    const api = await start('iframe');
    try {
      const res = await api.get(
        '/entities/component/default/checkout/grafana/panels/2/render',
      );
      expect(res.status).toBe(404);
    } finally {
      await api.stop();
    }
  });
});
