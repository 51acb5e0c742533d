import { createServer, AddressInfo } from 'node:net';

/**
 * A TCP port on 127.0.0.1 that was free a moment ago (the kernel's choice), for a peer a test or
 * the local platform starts. Another process may take it before it is used: start the peer soon.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Below Linux's default ephemeral range (32768-60999), which freePort() and the kernel draw from. */
const STABLE_RANGE = { from: 20_000, to: 32_000 };

function canListen(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    // no host: every address (IPv6 and IPv4), as a backend listens
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

/**
 * A free TCP port for a server that starts long after the port is chosen (a backend started
 * after its peers, whose URLs name it): drawn at random below the kernel's ephemeral range, so
 * no freePort() of the peers started meanwhile can be given the same port.
 */
export async function freeStablePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port =
      STABLE_RANGE.from +
      Math.floor(Math.random() * (STABLE_RANGE.to - STABLE_RANGE.from));
    if (await canListen(port)) return port;
  }
  throw new Error(
    `no free port between ${STABLE_RANGE.from} and ${STABLE_RANGE.to} after 50 tries`,
  );
}
