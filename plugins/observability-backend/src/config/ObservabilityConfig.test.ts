import { ConfigReader } from '@backstage/config';
import { readObservabilityConfig } from './ObservabilityConfig';

const read = (observability: object) =>
  readObservabilityConfig(new ConfigReader({ observability }));

describe('readObservabilityConfig', () => {
  it('has defaults and nothing configured when the section is missing', () => {
    const config = readObservabilityConfig(new ConfigReader({}));
    expect(config.prometheus).toBeUndefined();
    expect(config.limits).toEqual({
      maxRangeSeconds: 30 * 86400,
      minStepSeconds: 10,
      maxLogLines: 1000,
    });
    expect(config.cache).toEqual({
      ttlSeconds: 15,
      maxEntries: 2000,
      maxBytes: 64 * 1024 * 1024,
    });
    expect(config.rateLimit).toEqual({
      requestsPerMinute: 300,
      burst: 60,
      maxCallers: 10000,
    });
    expect(config.templates.cpu.usage).toContain(
      'container_cpu_usage_seconds_total',
    );
    expect(config.templates.requestRate.rate).toContain('http_requests_total');
  });

  it('switches the HTTP family and takes template overrides', () => {
    const config = read({
      httpMetrics: 'micrometer',
      queries: { restarts: { restarts: 'max(my_restarts{$selector})' } },
    });
    expect(config.templates.requestRate.rate).toContain(
      'http_server_requests_seconds_count',
    );
    expect(config.templates.errorPercentage.errors).toContain('status=~"5.."');
    expect(config.templates.restarts.restarts).toBe(
      'max(my_restarts{$selector})',
    );
  });

  it('puts the token and headers on the upstream only', () => {
    const config = read({
      prometheus: {
        url: 'http://prom:9090/',
        token: 't0k',
        headers: { 'X-Scope-OrgID': 'a' },
      },
      loki: { url: 'http://loki:3100', tenant: 'shop' },
    });
    expect(config.prometheus).toEqual({
      url: 'http://prom:9090',
      headers: { Authorization: 'Bearer t0k', 'X-Scope-OrgID': 'a' },
      timeoutMs: 10000,
    });
    expect(config.loki!.headers).toEqual({ 'X-Scope-OrgID': 'shop' });
  });

  it('reads the dashboards each team may name', () => {
    const config = read({
      grafana: {
        url: 'http://g',
        teamDashboards: { 'team-a': ['checkout-slo'], 'team-b': [] },
        sharedDashboards: ['jvm'],
      },
    });
    expect(config.grafana).toMatchObject({
      teamDashboards: { 'team-a': ['checkout-slo'], 'team-b': [] },
      sharedDashboards: ['jvm'],
    });
  });

  it.each([
    [
      { queries: { cpu: { usage: 'sum(up)' } } },
      'queries.cpu.usage: it must contain $selector',
    ],
    [{ queries: { disk: { usage: 'x{$selector}' } } }, 'unknown signal'],
    [{ queries: { cpu: { p99: 'x{$selector}' } } }, 'unknown series'],
    [{ selector: { appLabel: 'app"' } }, 'selector.appLabel'],
    [
      { grafana: { url: 'http://g', embedMode: 'render-proxy' } },
      'needs serviceAccountToken',
    ],
    [{ limits: { maxLogLines: 0 } }, 'limits.maxLogLines'],
    [{ cache: { maxBytes: 0 } }, 'cache.maxBytes'],
    [{ rateLimit: { requestsPerMinute: -1 } }, 'rateLimit.requestsPerMinute'],
    [
      { grafana: { url: 'http://g', teamDashboards: { 'team-a': ['a/b'] } } },
      'grafana.teamDashboards.team-a: "a/b" is not a dashboard uid',
    ],
    [
      { grafana: { url: 'http://g', sharedDashboards: ['x?y'] } },
      'grafana.sharedDashboards',
    ],
    [{ httpMetrics: 'otel' }, 'httpMetrics'],
  ])('refuses %j', (observability, message) => {
    expect(() => read(observability)).toThrow(message);
  });
});
