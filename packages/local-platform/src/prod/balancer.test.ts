import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from '@internal/plugin-portico-node/testUtils';
import { haproxyConfig, READINESS_PATH, startBalancer } from './balancer';

/** A replica stand-in: answers its name, readiness as `ready()` says. */
async function replica(name: string, ready: () => boolean) {
  const server = http.createServer((req, res) => {
    if (req.url === READINESS_PATH) {
      res.writeHead(ready() ? 200 : 503).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end(name);
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as { port: number }).port,
    close: () => new Promise(r => server.close(r)),
  };
}

describe('the prod-local balancer', () => {
  it('writes only names and ports it checked', () => {
    const text = haproxyConfig({
      port: 1,
      replicas: [{ name: 'replica-1', port: 2 }],
      configFile: '',
      logFile: '',
    });
    expect(text).toContain(`option httpchk GET ${READINESS_PATH}`);
    expect(text).toContain('server replica-1 127.0.0.1:2 check');
    expect(() =>
      haproxyConfig({
        port: 1,
        replicas: [{ name: 'a b\n', port: 2 }],
        configFile: '',
        logFile: '',
      }),
    ).toThrow('bad replica');
  });

  it('sends traffic only to replicas whose readiness answers 200 (HAProxy)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'balancer-test-'));
    let bReady = false;
    const a = await replica('a', () => true);
    const b = await replica('b', () => bReady);
    const balancer = await startBalancer({
      port: await freePort(),
      replicas: [
        { name: 'a', port: a.port },
        { name: 'b', port: b.port },
      ],
      configFile: join(dir, 'haproxy.cfg'),
      logFile: join(dir, 'haproxy.log'),
    });
    const answers = async (n: number) => {
      const seen = new Set<string>();
      for (let i = 0; i < n; i++)
        seen.add(await (await fetch(`${balancer.url}/x`)).text());
      return [...seen].sort();
    };
    try {
      await waitFor('a in service', async () => (await answers(1))[0] === 'a');
      expect(await answers(10)).toEqual(['a']);
      bReady = true;
      await waitFor(
        'b in service too',
        async () => (await answers(10)).length === 2,
        { timeoutMs: 10_000, intervalMs: 200 },
      );
      bReady = false;
      await waitFor(
        'b out of service',
        async () => (await answers(10)).join() === 'a',
        { timeoutMs: 10_000, intervalMs: 200 },
      );
    } finally {
      await balancer.stop();
      await a.close();
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
