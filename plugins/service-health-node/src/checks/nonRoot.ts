import {
  allContainers,
  workloadFailure,
  workloadsOf,
} from '../objects/workloads';
import { FailedObject } from '../types';
import { outcome, PolicyCheck } from './check';

/**
 * Each container runs as non-root: its effective securityContext (the container's, else the
 * pod's) has runAsNonRoot: true or a runAsUser above 0, and no runAsUser 0.
 */
export const nonRootCheck: PolicyCheck = {
  id: 'portico:non-root',
  title: 'Containers run as non-root',
  severity: 'high',
  howToFix:
    'Set securityContext.runAsNonRoot: true on the pod (or each container) and build the image with a non-root USER (e.g. USER 10001 or the base image\'s "nonroot"/"node" user). The namespaces\' restricted Pod Security level refuses root pods at admission.',
  evaluate(objects) {
    const failures: FailedObject[] = [];
    let checked = 0;
    for (const w of workloadsOf(objects)) {
      const pod = w.podSpec.securityContext ?? {};
      for (const { container } of allContainers(w.podSpec)) {
        checked++;
        const own = container.securityContext ?? {};
        const runAsNonRoot = own.runAsNonRoot ?? pod.runAsNonRoot;
        const runAsUser = own.runAsUser ?? pod.runAsUser;
        if (runAsUser === 0) {
          failures.push(workloadFailure(w, 'runAsUser is 0 (root)', container));
        } else if (runAsNonRoot !== true && !(runAsUser && runAsUser > 0)) {
          failures.push(
            workloadFailure(
              w,
              runAsNonRoot === false
                ? 'runAsNonRoot is false and no runAsUser above 0'
                : 'neither runAsNonRoot: true nor a runAsUser above 0',
              container,
            ),
          );
        }
      }
    }
    return outcome(checked, failures);
  },
};
