/*
 * A fake kube-apiserver serving only what the platform actions read: External Secrets stores
 * (external-secrets.io/v1 ClusterSecretStore and SecretStore) with the real response shapes —
 * the object on 200, a meta/v1 Status on 401/404. Tests validate both against the repository's specs/.
 */
import {
  type FakeApiServer,
  notServed,
  startFakeApiServer,
  statusReply,
} from '@internal/plugin-portico-node/testUtils';

export interface FakeKubeApiServer extends FakeApiServer {
  /** Adds a store; `namespace` only for SecretStore. */
  addStore(
    kind: 'ClusterSecretStore' | 'SecretStore',
    name: string,
    namespace?: string,
  ): void;
}

function storeObject(
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

const CLUSTER_STORE =
  /^\/apis\/external-secrets\.io\/v1\/clustersecretstores\/([^/]+)$/;
const NS_STORE =
  /^\/apis\/external-secrets\.io\/v1\/namespaces\/([^/]+)\/secretstores\/([^/]+)$/;

export async function startFakeKubeApiServer(
  options: { token?: string } = {},
): Promise<FakeKubeApiServer> {
  const stores = new Map<string, object>();
  const pathOf = (req: { url?: string }) => (req.url ?? '/').split('?')[0];
  const api = await startFakeApiServer({
    token: options.token ?? 'fake-kube-token',
    // Recorded without the query.
    describe: req => `${req.method} ${pathOf(req)}`,
    handle: req => {
      const path = pathOf(req);
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
        return notServed();
      }
      const found = stores.get(key);
      if (!found) {
        return statusReply(
          404,
          'NotFound',
          `${kind}.external-secrets.io "${name}" not found`,
          { name, group: 'external-secrets.io', kind },
        );
      }
      return { status: 200, body: found };
    },
  });
  return {
    ...api,
    addStore(kind, name, namespace) {
      const key =
        kind === 'ClusterSecretStore'
          ? `${kind}/${name}`
          : `${kind}/${namespace}/${name}`;
      stores.set(key, storeObject(kind, name, namespace));
    },
  };
}
