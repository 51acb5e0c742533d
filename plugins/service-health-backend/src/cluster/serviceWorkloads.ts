import type { KubeObject } from './ClusterClient';

/** A workload of the service and the names trivy-operator may report it under. */
export interface ServiceWorkload {
  namespace: string;
  kind: string;
  name: string;
}

/** `kind/name` of the scanned object -> the workload it belongs to. */
export type ScannedObjects = Map<string, ServiceWorkload>;

const key = (kind: string, name: string) => `${kind}/${name}`;

function replicasOf(o: KubeObject): number {
  const spec = o.spec as { replicas?: number } | undefined;
  return spec?.replicas ?? 1;
}

/**
 * The objects whose reports describe a service's running images: its Deployments' ReplicaSets
 * that still run pods (an old ReplicaSet scaled to zero runs nothing), its StatefulSets, and the
 * Deployments themselves (trivy-operator reports on a ReplicaSet, but a report on the Deployment
 * names the same images). ReplicaSets count only when a Deployment of the service owns them.
 */
export function scannedObjects(
  namespace: string,
  lists: {
    deployments: KubeObject[];
    statefulSets: KubeObject[];
    replicaSets: KubeObject[];
  },
): ScannedObjects {
  const scanned: ScannedObjects = new Map();
  const deployments = new Map<string, ServiceWorkload>();
  for (const d of lists.deployments) {
    const name = d.metadata?.name;
    if (!name) continue;
    const workload = { namespace, kind: 'Deployment', name };
    deployments.set(name, workload);
    scanned.set(key('Deployment', name), workload);
  }
  for (const s of lists.statefulSets) {
    const name = s.metadata?.name;
    if (!name) continue;
    scanned.set(key('StatefulSet', name), {
      namespace,
      kind: 'StatefulSet',
      name,
    });
  }
  for (const rs of lists.replicaSets) {
    const name = rs.metadata?.name;
    const owner = rs.metadata?.ownerReferences?.find(
      o => o.kind === 'Deployment' && deployments.has(o.name),
    );
    if (!name || !owner || replicasOf(rs) === 0) continue;
    scanned.set(key('ReplicaSet', name), deployments.get(owner.name)!);
  }
  return scanned;
}

/** The workload a report is about (its trivy-operator labels), when it is one of the service's. */
export function workloadOfReport(
  report: KubeObject,
  scanned: ScannedObjects,
): ServiceWorkload | undefined {
  const labels = report.metadata?.labels ?? {};
  const kind = labels['trivy-operator.resource.kind'];
  const name = labels['trivy-operator.resource.name'];
  if (!kind || !name) return undefined;
  return scanned.get(key(kind, name));
}
