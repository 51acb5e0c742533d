import { KubeConfig } from '@kubernetes/client-node';

/** Where the portal reaches a cluster's API server, as its config says. */
export interface ClusterConnection {
  /** API server URL; undefined: the in-cluster service account the pod runs with. */
  url?: string;
  /** Bearer token for `url` (a service account token). */
  token?: string;
  /** PEM of the API server's CA, base64 as in a kubeconfig. */
  caData?: string;
  skipTLSVerify?: boolean;
}

/**
 * The one way Portico's backends build a `KubeConfig`: an explicit server with its token, or the
 * pod's own service account when no URL is configured.
 */
export function kubeConfigFor(connection: ClusterConnection): KubeConfig {
  const kc = new KubeConfig();
  if (!connection.url) {
    kc.loadFromCluster();
    return kc;
  }
  kc.loadFromOptions({
    clusters: [
      {
        name: 'portico',
        server: connection.url,
        caData: connection.caData,
        skipTLSVerify: connection.skipTLSVerify ?? false,
      },
    ],
    users: [{ name: 'portico', token: connection.token }],
    contexts: [{ name: 'portico', cluster: 'portico', user: 'portico' }],
    currentContext: 'portico',
  });
  return kc;
}
