import { ApiException, CustomObjectsApi } from '@kubernetes/client-node';
import {
  type ClusterConnection,
  kubeConfigFor,
} from '@internal/plugin-portico-node';

/** A namespaced resource the reader lists: `/apis/<group>/<version>/namespaces/<ns>/<plural>`. */
export interface ListedResource {
  group: string;
  version: string;
  plural: string;
}

/** Objects as the API server sends them (plain JSON). */
export type KubeObject = {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: Array<{ kind: string; name: string }>;
  };
  [key: string]: unknown;
};

/** What a list gave: the items, or that the cluster does not serve the resource (CRD absent). */
export type ListResult =
  | { served: true; items: KubeObject[] }
  | { served: false; items: [] };

/**
 * Lists namespaced objects as plain JSON through the custom-objects API, which serves any
 * `/apis/<group>/<version>` path (built-in groups too), so every kind comes back exactly as the API
 * server wrote it. A 404 means the cluster does not serve that resource (e.g. trivy-operator is not
 * installed); every other failure throws.
 */
export class ClusterClient {
  private readonly api: CustomObjectsApi;

  constructor(connection: ClusterConnection) {
    this.api = kubeConfigFor(connection).makeApiClient(CustomObjectsApi);
  }

  async list(
    resource: ListedResource,
    namespace: string,
    labelSelector?: string,
  ): Promise<ListResult> {
    try {
      const answer = (await this.api.listNamespacedCustomObject({
        ...resource,
        namespace,
        labelSelector,
      })) as { items?: KubeObject[] };
      return { served: true, items: answer.items ?? [] };
    } catch (e) {
      if (e instanceof ApiException && e.code === 404) {
        return { served: false, items: [] };
      }
      const what = `${resource.plural}.${resource.group} in ${namespace}`;
      const code = e instanceof ApiException ? ` (HTTP ${e.code})` : '';
      throw new Error(
        `Listing ${what} failed${code}: ${(e as Error).message.split('\n')[0]}`,
      );
    }
  }
}

/** What the reader lists per namespace. */
export const RESOURCES = {
  deployments: { group: 'apps', version: 'v1', plural: 'deployments' },
  statefulSets: { group: 'apps', version: 'v1', plural: 'statefulsets' },
  replicaSets: { group: 'apps', version: 'v1', plural: 'replicasets' },
  vulnerabilityReports: {
    group: 'aquasecurity.github.io',
    version: 'v1alpha1',
    plural: 'vulnerabilityreports',
  },
  networkPolicies: {
    group: 'networking.k8s.io',
    version: 'v1',
    plural: 'networkpolicies',
  },
  podDisruptionBudgets: {
    group: 'policy',
    version: 'v1',
    plural: 'poddisruptionbudgets',
  },
  horizontalPodAutoscalers: {
    group: 'autoscaling',
    version: 'v2',
    plural: 'horizontalpodautoscalers',
  },
  externalSecrets: {
    group: 'external-secrets.io',
    version: 'v1',
    plural: 'externalsecrets',
  },
} satisfies Record<string, ListedResource>;

/**
 * Where policy engines write their reports, in the order they are tried: Kyverno's
 * wgpolicyk8s.io/v1alpha2, the working group's v1beta1, and openreports.io's Report.
 */
export const POLICY_REPORT_RESOURCES: ListedResource[] = [
  { group: 'wgpolicyk8s.io', version: 'v1alpha2', plural: 'policyreports' },
  { group: 'wgpolicyk8s.io', version: 'v1beta1', plural: 'policyreports' },
  { group: 'openreports.io', version: 'v1alpha1', plural: 'reports' },
];
