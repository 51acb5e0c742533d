import {
  component,
  startObservabilityBackend,
} from './__testUtils__/startObservabilityBackend';
import { PNG_SIGNATURE, startFakeGrafana } from './testing';

const TOKEN = 'glsa_service_account_secret';

const entities = (grafanaUrl: string) => [
  component('checkout', {
    'backstage.io/kubernetes-namespace': 'shop',
    'backstage.io/kubernetes-id': 'checkout',
    'grafana/dashboard-url': `${grafanaUrl}/d/svc-http/service-http`,
    'portico.io/grafana-panel-ids': '2:Requests,4:Latency p99',
  }),
  component('default-dash', {
    'backstage.io/kubernetes-namespace': 'shop',
    'backstage.io/kubernetes-id': 'payments',
  }),
  component('elsewhere', {
    'grafana/dashboard-url': 'https://evil.example/d/abc/x',
  }),
];

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
      },
    },
  });

  it('describes iframe panels with the entity variables and the time range', async () => {
    const api = await startObservabilityBackend({
      config: config('iframe'),
      entities: entities(grafana.url),
    });
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
    const api = await startObservabilityBackend({
      config: config('render-proxy'),
      entities: entities(grafana.url),
    });
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
      expect(sent.params.get('width')).toBe('400');

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
    const api = await startObservabilityBackend({
      config: {
        observability: {
          grafana: {
            ...config('render-proxy').observability.grafana,
            serviceAccountToken: 'wrong',
          },
        },
      },
      entities: entities(grafana.url),
    });
    try {
      const res = await api.get(
        '/entities/component/default/checkout/grafana/panels/2/render',
      );
      expect(res.status).toBe(502);
      expect(res.body.error.message).toBe(
        'Grafana could not render panel 2 (HTTP 401)',
      );
    } finally {
      await api.stop();
    }
  });

  it('does not render in iframe mode', async () => {
    const api = await startObservabilityBackend({
      config: config('iframe'),
      entities: entities(grafana.url),
    });
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
