import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake API server got. */
export interface KubeRequest {
  method: string;
  path: string;
  authorization?: string;
  body?: any;
}

/**
 * The Secrets part of a Kubernetes API server, in memory: create (409 AlreadyExists when the
 * name is taken), replace, delete (404 when absent), get. Enough for the portal's token writer;
 * it records every request so tests can check what was sent (and that nothing else was asked).
 */
export class FakeKubernetesSecrets {
  readonly secrets = new Map<string, any>();
  readonly requests: KubeRequest[] = [];
  /** Answer every request with this status (an API server outage). */
  failWith?: number;
  private server?: Server;
  private port = 0;

  static async start(): Promise<FakeKubernetesSecrets> {
    const fake = new FakeKubernetesSecrets();
    fake.server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      const body = text ? JSON.parse(text) : undefined;
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      fake.requests.push({
        method: req.method ?? '',
        path,
        authorization: req.headers.authorization,
        body,
      });
      const send = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      const status = (code: number, reason: string) =>
        send(code, {
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          reason,
          code,
        });
      if (fake.failWith) {
        status(fake.failWith, 'InternalError');
        return;
      }
      const m = /^\/api\/v1\/namespaces\/([^/]+)\/secrets(?:\/([^/]+))?$/.exec(
        path,
      );
      if (!m) {
        status(404, 'NotFound');
        return;
      }
      const [, namespace, name] = m;
      const key = (n: string) => `${namespace}/${n}`;
      if (req.method === 'POST' && !name) {
        const n = body?.metadata?.name;
        if (fake.secrets.has(key(n))) {
          status(409, 'AlreadyExists');
          return;
        }
        fake.secrets.set(key(n), body);
        send(201, body);
        return;
      }
      if (req.method === 'PUT' && name) {
        if (!fake.secrets.has(key(name))) {
          status(404, 'NotFound');
          return;
        }
        fake.secrets.set(key(name), body);
        send(200, body);
        return;
      }
      if (req.method === 'DELETE' && name) {
        if (!fake.secrets.delete(key(name))) {
          status(404, 'NotFound');
          return;
        }
        send(200, { kind: 'Status', status: 'Success' });
        return;
      }
      if (req.method === 'GET' && name && fake.secrets.has(key(name))) {
        send(200, fake.secrets.get(key(name)));
        return;
      }
      status(req.method === 'GET' ? 404 : 405, 'NotFound');
    });
    await new Promise<void>(resolve =>
      fake.server!.listen(0, '127.0.0.1', () => resolve()),
    );
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The decoded value of `key` in Secret `namespace/name`, as a pod's secretKeyRef reads it. */
  read(namespace: string, name: string, key: string): string | undefined {
    const data = this.secrets.get(`${namespace}/${name}`)?.data?.[key];
    return data === undefined
      ? undefined
      : Buffer.from(data, 'base64').toString('utf8');
  }

  async stop(): Promise<void> {
    await new Promise<void>(resolve => {
      this.server?.close(() => resolve());
      this.server?.closeAllConnections();
    });
  }
}
