import { InputError } from '@backstage/errors';
import { ApiException, CustomObjectsApi } from '@kubernetes/client-node';
import { kubeConfigFor } from '@internal/plugin-portico-node';
import { KubernetesSettings } from '../settings';

interface StoreRef {
  kind: 'ClusterSecretStore' | 'SecretStore';
  name: string;
}

/**
 * Checks, in the configured cluster, that an External Secrets store exists (GET of the
 * external-secrets.io/v1 custom object), so a template fails with a clear message instead of
 * producing an ExternalSecret that never syncs.
 */
export class SecretStoreChecker {
  private readonly api: CustomObjectsApi;

  constructor(private readonly cluster: KubernetesSettings) {
    const kc = kubeConfigFor(cluster);
    this.api = kc.makeApiClient(CustomObjectsApi);
  }

  get clusterName(): string {
    return this.cluster.name;
  }

  /** Resolves when the store exists; InputError naming store and cluster when it does not. */
  async assertExists(store: StoreRef, namespace: string): Promise<void> {
    const where =
      store.kind === 'SecretStore'
        ? `in namespace '${namespace}' of cluster ${this.cluster.name}`
        : `in cluster ${this.cluster.name}`;
    try {
      const found =
        store.kind === 'ClusterSecretStore'
          ? await this.api.getClusterCustomObject({
              group: 'external-secrets.io',
              version: 'v1',
              plural: 'clustersecretstores',
              name: store.name,
            })
          : await this.api.getNamespacedCustomObject({
              group: 'external-secrets.io',
              version: 'v1',
              namespace,
              plural: 'secretstores',
              name: store.name,
            });
      const kind = (found as { kind?: unknown })?.kind;
      if (kind !== store.kind) {
        throw new Error(`the API server answered with kind ${String(kind)}`);
      }
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) {
        // The store is the platform's choice (portico.scaffolder.secretStore), never an input.
        throw new InputError(
          `portico.scaffolder.secretStore: ${store.kind} '${store.name}' does not exist ${where}; ask the platform team to create it`,
        );
      }
      const reason =
        error instanceof ApiException
          ? `HTTP ${error.code}`
          : (error as Error).message;
      throw new Error(
        `Could not check ${store.kind} '${store.name}' ${where}: ${reason}`,
      );
    }
  }
}
