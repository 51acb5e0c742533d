import type {
  ClusterNoDataReason,
  ImageFindings,
} from '@internal/plugin-service-health-common';
import type { KubeObject } from './ClusterClient';
import type { NamespaceLists } from './NamespaceLists';
import { scannedObjects, workloadOfReport } from './serviceWorkloads';
import { imageFindings } from './vulnerabilityReports';

/** Where a service runs, as the platform decides it (see serviceTargets). */
export interface ServiceTarget {
  entityRef: string;
  /** The owning team's namespaces (narrowed by the entity's kubernetes-namespace annotation). */
  namespaces: readonly string[];
  /** The workloads' label and its value (the entity's kubernetes-id, or its name). */
  appLabel: string;
  app: string;
}

export type ServiceVulnerabilities =
  | { state: 'ok'; images: ImageFindings[] }
  | { state: 'no-data'; reason: ClusterNoDataReason };

const labelled = (label: string, value: string) => (o: KubeObject) =>
  o.metadata?.labels?.[label] === value;

/** The CVEs of the images a service runs, from the lists of its namespaces. */
export async function readServiceVulnerabilities(
  lists: NamespaceLists,
  target: ServiceTarget,
): Promise<ServiceVulnerabilities> {
  if (target.namespaces.length === 0) {
    return { state: 'no-data', reason: 'no-namespace' };
  }
  const images: ImageFindings[] = [];
  let workloads = 0;
  let served = false;
  for (const namespace of target.namespaces) {
    const objects = await lists.get(namespace);
    const mine = labelled(target.appLabel, target.app);
    const scanned = scannedObjects(namespace, {
      deployments: objects.deployments.filter(mine),
      statefulSets: objects.statefulSets.filter(mine),
      replicaSets: objects.replicaSets,
    });
    workloads += [...scanned.values()].length;
    served ||= objects.reportsServed;
    for (const report of objects.vulnerabilityReports) {
      const workload = workloadOfReport(report, scanned);
      if (workload) images.push(imageFindings(report, workload));
    }
  }
  if (workloads === 0) return { state: 'no-data', reason: 'no-workload' };
  if (!served || images.length === 0) {
    return { state: 'no-data', reason: 'not-scanned' };
  }
  images.sort(
    (a, b) =>
      b.counts.CRITICAL - a.counts.CRITICAL ||
      b.counts.HIGH - a.counts.HIGH ||
      a.workload.name.localeCompare(b.workload.name) ||
      a.container.localeCompare(b.container),
  );
  return { state: 'ok', images };
}
