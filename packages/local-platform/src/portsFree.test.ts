import net from 'node:net';
import { freePort } from '@internal/plugin-portico-node/testUtils';
import { assertPortsFree, fixedPorts } from './portsFree';

function listen(port: number, host: string) {
  return new Promise<net.Server>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

describe('assertPortsFree', () => {
  it('names each taken port and its peer in one message, not the free ones', async () => {
    const [a, b, free] = [await freePort(), await freePort(), await freePort()];
    const first = await listen(a, '127.0.0.1');
    const second = await listen(b, '0.0.0.0');
    try {
      const error = await assertPortsFree([
        { port: a, name: 'Prometheus' },
        { port: free, name: 'Loki' },
        { port: b, name: 'Grafana' },
      ]).then(
        () => undefined,
        e => e as Error,
      );
      expect(error?.message).toBe(
        [
          `port ${a} (Prometheus) is taken: stop what holds it (ss -ltnp 'sport = :${a}')`,
          `port ${b} (Grafana) is taken: stop what holds it (ss -ltnp 'sport = :${b}')`,
        ].join('\n'),
      );
    } finally {
      first.close();
      second.close();
    }
    await expect(
      assertPortsFree([
        { port: a, name: 'Prometheus' },
        { port: b, name: 'Grafana' },
      ]),
    ).resolves.toBeUndefined();
  });
});

describe('fixedPorts', () => {
  it('gives the LOCAL_PORTS of the peers and of named ports, once each', () => {
    expect(fixedPorts(['observability', 'git', 'backend', 'git'])).toEqual([
      { port: 9090, name: 'Prometheus' },
      { port: 3100, name: 'Loki' },
      { port: 3001, name: 'Grafana' },
      { port: 7008, name: 'loopback Git' },
      { port: 7007, name: 'the portal backend' },
    ]);
  });
});
