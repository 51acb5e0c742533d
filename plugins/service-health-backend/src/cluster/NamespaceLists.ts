import {
  type ClusterClient,
  type KubeObject,
  RESOURCES,
} from './ClusterClient';

/** What the reader lists in one namespace. */
export interface NamespaceObjects {
  deployments: KubeObject[];
  statefulSets: KubeObject[];
  replicaSets: KubeObject[];
  vulnerabilityReports: KubeObject[];
  /** False when the cluster does not serve VulnerabilityReports (trivy-operator not installed). */
  reportsServed: boolean;
}

/**
 * Each namespace listed once per read, however many services live in it: the upstream calls of
 * a read grow with the namespaces, never with services or viewers.
 */
export class NamespaceLists {
  private readonly lists = new Map<string, Promise<NamespaceObjects>>();

  constructor(private readonly client: ClusterClient) {}

  /** Calls made so far (four lists per namespace). */
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
    const [deployments, statefulSets, replicaSets, reports] = await Promise.all(
      [
        this.client.list(RESOURCES.deployments, namespace),
        this.client.list(RESOURCES.statefulSets, namespace),
        this.client.list(RESOURCES.replicaSets, namespace),
        this.client.list(RESOURCES.vulnerabilityReports, namespace),
      ],
    );
    return {
      deployments: deployments.items,
      statefulSets: statefulSets.items,
      replicaSets: replicaSets.items,
      vulnerabilityReports: reports.items,
      reportsServed: reports.served,
    };
  }
}
