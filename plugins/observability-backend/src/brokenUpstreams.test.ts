import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  shopComponent,
  startObservabilityBackend,
  withObservabilityBackend,
} from './testing/startObservabilityBackend';

jest.setTimeout(60_000);

const entities = [shopComponent('checkout')];

describe('observability backend without upstreams, or with broken ones', () => {
  it('limits each user to the configured rate: 429 with Retry-After, per user', async () => {
    await withObservabilityBackend(
      {
        config: {
          observability: { rateLimit: { requestsPerMinute: 60, burst: 3 } },
        },
        entities,
      },
      async api => {
        const path = '/entities/component/default/checkout/metrics?signals=cpu';
        for (let i = 0; i < 3; i++) {
          expect((await api.get(path)).status).toBe(200);
        }
        const limited = await api.get(path);
        expect(limited.status).toBe(429);
        expect(limited.headers['retry-after']).toBe('1');
        expect(limited.body.error.message).toBe(
          'Too many observability requests from user:default/bob: at most 60 a minute, 3 at once (observability.rateLimit); retry in 1s',
        );
        // every route counts, logs and cost included
        expect(
          (await api.get('/entities/component/default/checkout/logs')).status,
        ).toBe(429);
        expect((await api.get('/cost/teams')).status).toBe(429);
        // another user has their own budget
        expect((await api.getAs('user:default/alice', path)).status).toBe(200);
        await new Promise(r => setTimeout(r, 1100));
        expect((await api.get(path)).status).toBe(200);
      },
    );
  });

  it('says not-configured when Prometheus, Loki and Grafana are not set up', async () => {
    await withObservabilityBackend({ config: {}, entities }, async api => {
      const metrics = await api.get(
        '/entities/component/default/checkout/metrics?signals=cpu,restarts',
      );
      expect(metrics.status).toBe(200);
      expect(metrics.body.empty).toBe('not-configured');
      expect(metrics.body.signals).toMatchObject([
        { signal: 'cpu', series: [], empty: 'not-configured' },
        { signal: 'restarts', series: [], empty: 'not-configured' },
      ]);
      for (const path of ['summary', 'logs', 'grafana', 'cost']) {
        const res = await api.get(
          `/entities/component/default/checkout/${path}`,
        );
        expect(res.status).toBe(200);
        expect(res.body.empty).toBe('not-configured');
      }
      expect((await api.get('/cost/teams')).body.empty).toBe('not-configured');
    });
  });

  it('reports an upstream that does not answer as 504 naming the timeout', async () => {
    const sockets = new Set<import('node:net').Socket>();
    const silent = http.createServer(() => {});
    silent.on('connection', s => sockets.add(s));
    await new Promise<void>(r => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as AddressInfo).port;
    const api = await startObservabilityBackend({
      config: {
        observability: {
          prometheus: { url: `http://127.0.0.1:${port}`, timeout: 1 },
        },
      },
      entities,
    });
    try {
      const res = await api.get(
        '/entities/component/default/checkout/metrics?signals=cpu,memory,latency',
      );
      expect(res.status).toBe(504);
      expect(res.body.error.message).toBe(
        'Prometheus did not answer within 1s',
      );
    } finally {
      await api.stop();
      sockets.forEach(s => s.destroy());
      silent.close();
    }
  });

  it('reports an unreachable upstream as 502 without its URL', async () => {
    await withObservabilityBackend(
      {
        config: {
          observability: { prometheus: { url: 'http://127.0.0.1:1' } },
        },
        entities,
      },
      async api => {
        const res = await api.get(
          '/entities/component/default/checkout/metrics?signals=cpu,memory,latency',
        );
        expect(res.status).toBe(502);
        expect(res.body.error.message).toBe('Prometheus is unreachable');
        expect(JSON.stringify(res.body)).not.toContain('127.0.0.1:1');
      },
    );
  });
});
