import {
  allContainers,
  workloadFailure,
  workloadsOf,
} from '../objects/workloads';
import { FailedObject } from '../types';
import { outcome, PolicyCheck } from './check';

const RESOURCES = ['cpu', 'memory'] as const;

/** Requests and limits for CPU and memory on every container, init containers too. */
export const resourcesCheck: PolicyCheck = {
  id: 'portico:resources',
  title: 'CPU and memory requests and limits set on every container',
  severity: 'high',
  howToFix:
    'Set resources.requests and resources.limits for cpu and memory on every container (and init container) of the pod template. Requests are what the scheduler reserves; limits stop one pod from starving the others on its node.',
  evaluate(objects) {
    const failures: FailedObject[] = [];
    let checked = 0;
    for (const w of workloadsOf(objects)) {
      for (const { container } of allContainers(w.podSpec)) {
        checked++;
        const missing = (['requests', 'limits'] as const).flatMap(kind =>
          RESOURCES.filter(r => {
            const value = container.resources?.[kind]?.[r];
            return value === undefined || value === '';
          }).map(r => `${kind}.${r}`),
        );
        if (missing.length > 0) {
          failures.push(
            workloadFailure(w, `no ${missing.join(', ')}`, container),
          );
        }
      }
    }
    return outcome(checked, failures);
  },
};
