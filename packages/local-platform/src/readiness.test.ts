import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  PortalGone,
  waitForBackend,
  waitForCatalog,
  waitForFrontend,
} from './readiness';

/** A stand-in backend: readiness after `readyAfter` probes, a guest token, a growing catalog. */
function fakeBackend() {
  let readinessProbes = 0;
  let catalogPolls = 0;
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    if (req.url === '/.backstage/health/v1/readiness') {
      readinessProbes++;
      res.writeHead(readinessProbes < 3 ? 503 : 200).end();
    } else if (req.url?.startsWith('/api/auth/guest/refresh')) {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ backstageIdentity: { token: 'guest-token' } }));
    } else if (req.url?.startsWith('/api/catalog/entities/by-query')) {
      catalogPolls++;
      const items = [
        {
          kind: 'Component',
          metadata: { name: 'payments-api' },
          relations: [{}],
        },
        // the user's relations are stitched from the third poll on
        {
          kind: 'User',
          metadata: { name: 'bob' },
          relations: catalogPolls >= 3 ? [{}] : [],
        },
      ];
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ items, totalItems: items.length }));
    } else if (req.url === '/') {
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end('<html></html>');
    } else res.writeHead(404).end();
  });
  return {
    server,
    seen,
    polls: () => catalogPolls,
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  };
}

describe('readiness', () => {
  const backend = fakeBackend();
  beforeAll(
    () => new Promise<void>(r => backend.server.listen(0, '127.0.0.1', r)),
  );
  afterAll(() => new Promise<void>(r => backend.server.close(() => r())));
  const running = { isDead: () => undefined };

  it('waits for the backend readiness endpoint to answer 200', async () => {
    await waitForBackend(backend.url(), running);
    expect(backend.seen.filter(s => s.includes('readiness'))).toHaveLength(3);
  });

  it('waits until the refs are stitched and the count is stable, as the guest', async () => {
    const total = await waitForCatalog(backend.url(), {
      ...running,
      refs: ['component:default/payments-api', 'user:default/bob'],
    });
    expect(total).toBe(2);
    expect(backend.polls()).toBeGreaterThanOrEqual(3);
    expect(
      backend.seen
        .filter(s => s.includes('/api/catalog'))
        .every(s => s.endsWith('Bearer guest-token')),
    ).toBe(true);
  }, 20_000);

  it('waits for as many equal counts in a row as stablePolls asks', async () => {
    const before = backend.polls();
    await waitForCatalog(backend.url(), {
      refs: ['component:default/payments-api'],
      stablePolls: 4,
    });
    expect(backend.polls() - before).toBe(4);
  }, 20_000);

  it('waits for the frontend page', async () => {
    await expect(
      waitForFrontend(`${backend.url()}/`, running),
    ).resolves.toBeUndefined();
    await expect(
      waitForFrontend(`${backend.url()}/missing`, {
        ...running,
        timeoutMs: 1_000,
      }),
    ).rejects.toThrow(/frontend dev server .* \(last: HTTP 404\)/);
  });

  it('gives up at once when the portal is gone', async () => {
    const began = Date.now();
    await expect(
      waitForBackend('http://127.0.0.1:9', { isDead: () => 'exit 1' }),
    ).rejects.toThrow(PortalGone);
    await expect(
      waitForCatalog(backend.url(), {
        isDead: () => 'exit 1',
        refs: ['user:default/nobody'],
      }),
    ).rejects.toThrow(
      'the portal stopped (exit 1) before the catalog to ingest user:default/nobody',
    );
    expect(Date.now() - began).toBeLessThan(2_000);
  });

  it('names what it waited for when it times out', async () => {
    await expect(
      waitForCatalog(backend.url(), {
        ...running,
        refs: ['user:default/nobody'],
        timeoutMs: 1_500,
      }),
    ).rejects.toThrow(
      /waiting for the catalog to ingest user:default\/nobody \(last: missing user:default\/nobody/,
    );
  });
});
