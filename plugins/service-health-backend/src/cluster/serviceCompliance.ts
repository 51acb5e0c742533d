import {
  complianceScore,
  parseServiceObjects,
  policyReportChecks,
  runPolicyChecks,
  type PolicyCheckResult,
} from '@internal/plugin-service-health-node';
import type { ServiceCompliance } from '@internal/plugin-service-health-common';
import type { KubeObject } from './ClusterClient';
import type { NamespaceLists } from './NamespaceLists';
import type { ServiceTarget } from './readServiceVulnerabilities';
import { scannedObjects } from './serviceWorkloads';

type Ref = { kind?: string; name?: string; namespace?: string };

/** Whether a report's subject is one of the service's workloads (or their ReplicaSets/Pods). */
function isServiceSubject(ref: Ref | undefined, workloads: Set<string>) {
  if (!ref?.kind || !ref.name) return false;
  const key = `${ref.namespace ?? ''}/${ref.kind}/${ref.name}`;
  if (workloads.has(key)) return true;
  if (ref.kind === 'Pod' || ref.kind === 'ReplicaSet') {
    for (const w of workloads) {
      const [ns, , name] = w.split('/');
      if (ns === (ref.namespace ?? '') && ref.name.startsWith(`${name}-`)) {
        return true;
      }
    }
  }
  return false;
}

/** The results of a report that are about the service (the report's scope, or a result's resources). */
function serviceReport(report: KubeObject, workloads: Set<string>) {
  const namespace = report.metadata?.namespace;
  const withNs = (r: Ref | undefined) =>
    r && { ...r, namespace: r.namespace ?? namespace };
  const scoped = isServiceSubject(withNs(report.scope as Ref), workloads);
  const results = (
    (report.results as Array<{ resources?: Ref[] }>) ?? []
  ).filter(
    r =>
      scoped ||
      (r.resources ?? []).some(x => isServiceSubject(withNs(x), workloads)),
  );
  return results.length ? { ...report, results } : undefined;
}

/**
 * Portico's policy checks over the service's workloads and the namespace objects around them
 * (NetworkPolicies, PodDisruptionBudgets, HPAs, ExternalSecrets), plus the cluster's PolicyReport
 * results about those workloads, and the score over both. Undefined when no workload runs.
 * Secrets are never listed: the secrets check judges what the pods reference against the
 * ExternalSecrets' targets.
 */
export async function readServiceCompliance(
  lists: NamespaceLists,
  target: ServiceTarget,
): Promise<ServiceCompliance | undefined> {
  const objects = {
    deployments: [] as KubeObject[],
    statefulSets: [] as KubeObject[],
    networkPolicies: [] as KubeObject[],
    podDisruptionBudgets: [] as KubeObject[],
    horizontalPodAutoscalers: [] as KubeObject[],
    externalSecrets: [] as KubeObject[],
  };
  const reports: unknown[] = [];
  const mine = (o: KubeObject) =>
    o.metadata?.labels?.[target.appLabel] === target.app;
  for (const namespace of target.namespaces) {
    const ns = await lists.get(namespace);
    const deployments = ns.deployments.filter(mine);
    const statefulSets = ns.statefulSets.filter(mine);
    if (deployments.length + statefulSets.length === 0) continue;
    objects.deployments.push(...deployments);
    objects.statefulSets.push(...statefulSets);
    objects.networkPolicies.push(...ns.networkPolicies);
    objects.podDisruptionBudgets.push(...ns.podDisruptionBudgets);
    objects.horizontalPodAutoscalers.push(...ns.horizontalPodAutoscalers);
    objects.externalSecrets.push(...ns.externalSecrets);
    const workloads = new Set(
      [
        ...scannedObjects(namespace, {
          deployments,
          statefulSets,
          replicaSets: [],
        }).values(),
      ].map(w => `${namespace}/${w.kind}/${w.name}`),
    );
    for (const report of ns.policyReports) {
      const about = serviceReport(report, workloads);
      if (about) reports.push(about);
    }
  }
  if (objects.deployments.length + objects.statefulSets.length === 0)
    return undefined;
  const checks: PolicyCheckResult[] = [
    ...runPolicyChecks(parseServiceObjects(objects)),
    ...policyReportChecks(reports),
  ];
  return { score: complianceScore(checks).score, checks };
}
