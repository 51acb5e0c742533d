import type http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A stand-in listening on 127.0.0.1. */
export interface LoopbackServer {
  url: string;
  port: number;
  /** Closes it, open connections included. */
  stop(): Promise<void>;
}

/** Starts `server` on 127.0.0.1 (`port`, or a free one). */
export async function listenLoopback(
  server: http.Server,
  port = 0,
): Promise<LoopbackServer> {
  await new Promise<void>(resolve => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
