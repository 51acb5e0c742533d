import { selects } from '../objects/selectors';
import {
  sameNamespace,
  workloadFailure,
  workloadsOf,
} from '../objects/workloads';
import { FailedObject } from '../types';
import { outcome, PolicyCheck } from './check';

/** At least one NetworkPolicy in the workload's namespace selects its pods. */
export const networkPolicyCheck: PolicyCheck = {
  id: 'portico:network-policy',
  title: "A NetworkPolicy selects the service's pods",
  severity: 'high',
  howToFix:
    "Add a NetworkPolicy in the namespace whose podSelector matches the pod template's labels: a default deny (podSelector: {}) and allowances for the traffic the service needs. Pods no NetworkPolicy selects accept traffic from anywhere in the cluster.",
  evaluate(objects) {
    const failures: FailedObject[] = [];
    const workloads = workloadsOf(objects);
    for (const w of workloads) {
      const selecting = sameNamespace(w, objects.networkPolicies).filter(p =>
        selects(p.spec.podSelector, w.podLabels),
      );
      if (selecting.length === 0) {
        failures.push(
          workloadFailure(
            w,
            'no NetworkPolicy in its namespace selects its pods',
          ),
        );
      }
    }
    return outcome(workloads.length, failures);
  },
};
