import {
  type ClusterClient,
  type KubeObject,
  type ListResult,
  POLICY_REPORT_RESOURCES,
  RESOURCES,
} from './ClusterClient';

/** Lists per namespace and read (the policy-report APIs are all asked; 404s are cheap). */
export const LISTS_PER_NAMESPACE =
  Object.keys(RESOURCES).length + POLICY_REPORT_RESOURCES.length;

/** What the reader lists in one namespace. Never Secrets: the portal is not granted them. */
export interface NamespaceObjects {
  deployments: KubeObject[];
  statefulSets: KubeObject[];
  replicaSets: KubeObject[];
  vulnerabilityReports: KubeObject[];
  /** False when the cluster does not serve VulnerabilityReports (trivy-operator not installed). */
  reportsServed: boolean;
  networkPolicies: KubeObject[];
  podDisruptionBudgets: KubeObject[];
  horizontalPodAutoscalers: KubeObject[];
  externalSecrets: KubeObject[];
  /** PolicyReports of every served policy-report API (none when no engine is installed). */
  policyReports: KubeObject[];
}

/**
 * Each namespace listed once per read, however many services live in it: the upstream calls of
 * a read grow with the namespaces, never with services or viewers.
 */
export class NamespaceLists {
  private readonly lists = new Map<string, Promise<NamespaceObjects>>();

  constructor(private readonly client: ClusterClient) {}

  /** Namespaces listed so far. */
  get namespaces(): number {
    return this.lists.size;
  }

  get(namespace: string): Promise<NamespaceObjects> {
    let list = this.lists.get(namespace);
    if (!list) {
      list = this.read(namespace);
      this.lists.set(namespace, list);
    }
    return list;
  }

  private async read(namespace: string): Promise<NamespaceObjects> {
    const list = (r: (typeof RESOURCES)[keyof typeof RESOURCES]) =>
      this.client.list(r, namespace);
    const [
      deployments,
      statefulSets,
      replicaSets,
      reports,
      networkPolicies,
      podDisruptionBudgets,
      horizontalPodAutoscalers,
      externalSecrets,
      ...policyReports
    ]: ListResult[] = await Promise.all([
      list(RESOURCES.deployments),
      list(RESOURCES.statefulSets),
      list(RESOURCES.replicaSets),
      list(RESOURCES.vulnerabilityReports),
      list(RESOURCES.networkPolicies),
      list(RESOURCES.podDisruptionBudgets),
      list(RESOURCES.horizontalPodAutoscalers),
      list(RESOURCES.externalSecrets),
      ...POLICY_REPORT_RESOURCES.map(r => this.client.list(r, namespace)),
    ]);
    return {
      deployments: deployments.items,
      statefulSets: statefulSets.items,
      replicaSets: replicaSets.items,
      vulnerabilityReports: reports.items,
      reportsServed: reports.served,
      networkPolicies: networkPolicies.items,
      podDisruptionBudgets: podDisruptionBudgets.items,
      horizontalPodAutoscalers: horizontalPodAutoscalers.items,
      externalSecrets: externalSecrets.items,
      // wgpolicyk8s.io serves the same objects at each version: the first served one only.
      policyReports: [
        ...(policyReports[0].served ? policyReports[0] : policyReports[1])
          .items,
        ...policyReports[2].items,
      ],
    };
  }
}
