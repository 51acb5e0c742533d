/*
 * A fake kube-apiserver serving only what the platform actions read: External Secrets stores
 * (external-secrets.io/v1 ClusterSecretStore and SecretStore) with the real response shapes —
 * the object on 200, a meta/v1 Status on 401/404. Tests validate both against ../shared/specs.
 */
import http from 'node:http';

export interface FakeKubeApiServer {
  url: string;
  token: string;
  /** Adds a store; `namespace` only for SecretStore. */
  addStore(
    kind: 'ClusterSecretStore' | 'SecretStore',
    name: string,
    namespace?: string,
  ): void;
  requests: string[];
  stop(): Promise<void>;
}

export function storeObject(
  kind: 'ClusterSecretStore' | 'SecretStore',
  name: string,
  namespace?: string,
) {
  return {
    apiVersion: 'external-secrets.io/v1',
    kind,
    metadata: {
      name,
      ...(namespace ? { namespace } : {}),
      uid: '3f1f5a8e-0000-4000-8000-000000000001',
      resourceVersion: '4711',
      generation: 1,
      creationTimestamp: '2026-01-01T00:00:00Z',
    },
    spec: {
      provider: {
        vault: {
          server: 'https://vault.platform.svc:8200',
          path: 'secret',
          version: 'v2',
          auth: {
            kubernetes: { mountPath: 'kubernetes', role: 'external-secrets' },
          },
        },
      },
    },
    status: {
      capabilities: 'ReadWrite',
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'Valid',
          message: 'store validated',
          lastTransitionTime: '2026-01-01T00:00:05Z',
        },
      ],
    },
  };
}

export function statusObject(
  code: number,
  reason: string,
  message: string,
  details?: object,
) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

const CLUSTER_STORE =
  /^\/apis\/external-secrets\.io\/v1\/clustersecretstores\/([^/]+)$/;
const NS_STORE =
  /^\/apis\/external-secrets\.io\/v1\/namespaces\/([^/]+)\/secretstores\/([^/]+)$/;

export async function startFakeKubeApiServer(
  options: { token?: string } = {},
): Promise<FakeKubeApiServer> {
  const token = options.token ?? 'fake-kube-token';
  const stores = new Map<string, object>();
  const requests: string[] = [];
  const send = (res: http.ServerResponse, status: number, body: object) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    requests.push(`${req.method} ${path}`);
    if (req.headers.authorization !== `Bearer ${token}`) {
      send(res, 401, statusObject(401, 'Unauthorized', 'Unauthorized'));
      return;
    }
    let key: string | undefined;
    let name = '';
    let kind = '';
    const cluster = CLUSTER_STORE.exec(path);
    const namespaced = NS_STORE.exec(path);
    if (cluster) {
      [key, name, kind] = [
        `ClusterSecretStore/${cluster[1]}`,
        cluster[1],
        'clustersecretstores',
      ];
    } else if (namespaced) {
      [key, name, kind] = [
        `SecretStore/${namespaced[1]}/${namespaced[2]}`,
        namespaced[2],
        'secretstores',
      ];
    }
    if (req.method !== 'GET' || !key) {
      send(
        res,
        404,
        statusObject(
          404,
          'NotFound',
          'the server could not find the requested resource',
        ),
      );
      return;
    }
    const found = stores.get(key);
    if (!found) {
      send(
        res,
        404,
        statusObject(
          404,
          'NotFound',
          `${kind}.external-secrets.io "${name}" not found`,
          {
            name,
            group: 'external-secrets.io',
            kind,
          },
        ),
      );
      return;
    }
    send(res, 200, found);
  });
  await new Promise<void>(resolve =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    requests,
    addStore(kind, name, namespace) {
      const key =
        kind === 'ClusterSecretStore'
          ? `${kind}/${name}`
          : `${kind}/${namespace}/${name}`;
      stores.set(key, storeObject(kind, name, namespace));
    },
    stop: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
