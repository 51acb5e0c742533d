import { selects } from '../objects/selectors';
import {
  sameNamespace,
  Workload,
  workloadFailure,
  workloadsOf,
} from '../objects/workloads';
import { ServiceObjects } from '../objects/schemas';
import { FailedObject } from '../types';
import { outcome, PolicyCheck } from './check';

/** Why the workload runs (or may run) more than one replica, if it does. */
function multiReplicaReason(
  w: Workload,
  objects: ServiceObjects,
): string | undefined {
  const hpa = sameNamespace(w, objects.horizontalPodAutoscalers).find(
    h =>
      h.spec.scaleTargetRef.kind === w.kind &&
      h.spec.scaleTargetRef.name === w.name,
  );
  if (hpa) {
    const min = hpa.spec.minReplicas ?? 1;
    return min > 1 || hpa.spec.maxReplicas > 1
      ? `HorizontalPodAutoscaler ${hpa.metadata.name} scales it to ${min}-${hpa.spec.maxReplicas} replicas`
      : undefined;
  }
  return w.replicas > 1 ? `${w.replicas} replicas` : undefined;
}

/**
 * A workload with more than one replica (spec.replicas > 1, or an HPA targeting it with
 * minReplicas or maxReplicas above 1) has a PodDisruptionBudget selecting its pods.
 */
export const disruptionBudgetCheck: PolicyCheck = {
  id: 'portico:pod-disruption-budget',
  title: 'A PodDisruptionBudget for workloads with more than one replica',
  severity: 'medium',
  howToFix:
    "Add a PodDisruptionBudget (policy/v1) in the namespace whose selector matches the pod template's labels, with maxUnavailable: 1: node drains and cluster upgrades then evict one pod at a time instead of all at once. Avoid minAvailable equal to the replica count, which blocks every drain.",
  evaluate(objects) {
    const failures: FailedObject[] = [];
    let checked = 0;
    for (const w of workloadsOf(objects)) {
      const reason = multiReplicaReason(w, objects);
      if (!reason) continue;
      checked++;
      const budgets = sameNamespace(w, objects.podDisruptionBudgets).filter(p =>
        selects(p.spec?.selector, w.podLabels),
      );
      if (budgets.length === 0) {
        failures.push(
          workloadFailure(
            w,
            `${reason}, but no PodDisruptionBudget selects its pods`,
          ),
        );
      }
    }
    return outcome(checked, failures);
  },
};
