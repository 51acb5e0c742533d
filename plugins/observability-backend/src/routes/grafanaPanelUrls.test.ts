import type { GrafanaConfig } from '../config/ObservabilityConfig';
import { grafanaPanelsResponse } from './grafanaPanelUrls';

const grafana = (embedMode: GrafanaConfig['embedMode']): GrafanaConfig => ({
  url: 'https://grafana.example.com',
  internalUrl: 'http://grafana:3000',
  embedMode,
  teamDashboards: {},
  sharedDashboards: [],
  variables: { service: 'service', namespace: 'namespace' },
  timeoutMs: 5000,
});

const plan = (embedMode: GrafanaConfig['embedMode']) => ({
  grafana: grafana(embedMode),
  dashboard: {
    uid: 'svc-http',
    path: '/d/svc-http/service-http',
    panels: [{ id: 2, title: 'Requests' }],
  },
  variables: [
    ['var-service', 'checkout'],
    ['var-namespace', 'shop'],
  ] as Array<[string, string]>,
});

const window = { preset: '1h' as const, start: 1000, end: 4600, step: 15 };

describe('grafanaPanelsResponse', () => {
  it('links the dashboard and embeds Grafana’s d-solo page in iframe mode', () => {
    const response = grafanaPanelsResponse(
      plan('iframe'),
      'component:default/checkout',
      window,
    );
    expect(response.dashboardUrl).toBe(
      'https://grafana.example.com/d/svc-http/service-http?var-service=checkout&var-namespace=shop&from=1000000&to=4600000',
    );
    expect(response.panels).toEqual([
      {
        panelId: 2,
        title: 'Requests',
        kind: 'iframe',
        src: 'https://grafana.example.com/d-solo/svc-http/?orgId=1&panelId=2&var-service=checkout&var-namespace=shop&from=1000000&to=4600000&theme=light',
      },
    ]);
    expect(response.empty).toBeUndefined();
  });

  it('points images at the plugin’s own render route, with the range, in render-proxy mode', () => {
    const response = grafanaPanelsResponse(
      plan('render-proxy'),
      'component:default/checkout',
      window,
    );
    expect(response.panels[0]).toMatchObject({
      kind: 'image',
      src: 'entities/component/default/checkout/grafana/panels/2/render?range=1h',
    });
  });

  it('passes an empty plan on, and says no-data for a dashboard without panels', () => {
    expect(
      grafanaPanelsResponse(
        { empty: 'no-namespaces' },
        'component:default/checkout',
        window,
      ),
    ).toEqual({ panels: [], empty: 'no-namespaces' });
    const none = plan('iframe');
    none.dashboard.panels = [];
    expect(
      grafanaPanelsResponse(none, 'component:default/checkout', window).empty,
    ).toBe('no-data');
  });
});
