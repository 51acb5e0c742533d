import { createServer, type Server } from 'node:net';
import { freePort } from '@internal/plugin-portico-node/testUtils';
import { LOCAL_PORTS } from '../ports';
import { portsProblem, startPorts } from './portCheck';

describe('portsProblem', () => {
  let server: Server | undefined;
  afterEach(
    () =>
      new Promise<void>(resolve =>
        server ? server.close(() => resolve()) : resolve(),
      ),
  );

  it('covers the app, the backend and every peer port', () => {
    const ports = startPorts().map(p => p.port);
    expect(ports).toEqual(expect.arrayContaining([3000, 7007]));
    expect(new Set(ports)).toEqual(new Set(Object.values(LOCAL_PORTS)));
  });

  it('is undefined when every port is free', async () => {
    const a = await freePort();
    const b = await freePort();
    expect(
      await portsProblem([
        { port: a, name: 'the portal app' },
        { port: b, name: 'Prometheus' },
      ]),
    ).toBeUndefined();
  });

  it('names each taken port and what needed it, and says nothing was started', async () => {
    const free = await freePort();
    server = createServer();
    await new Promise<void>(resolve => server!.listen(0, '127.0.0.1', resolve));
    const taken = (server.address() as { port: number }).port;
    const message = await portsProblem([
      { port: free, name: 'the portal app' },
      { port: taken, name: 'Prometheus' },
    ]);
    expect(message).toContain('make start started nothing');
    expect(message).toContain(`port ${taken} (Prometheus) is taken`);
    expect(message).not.toContain(`port ${free}`);
  });
});
