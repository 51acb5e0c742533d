import { workloadFailure, workloadsOf } from '../objects/workloads';
import { FailedObject } from '../types';
import { outcome, PolicyCheck } from './check';

type Probe = { httpGet?: {}; tcpSocket?: {}; exec?: {}; grpc?: {} };

/** A probe counts when it has a handler (an empty probe object probes nothing). */
function hasHandler(probe: Probe | undefined): boolean {
  return Boolean(
    probe?.httpGet || probe?.tcpSocket || probe?.exec || probe?.grpc,
  );
}

/** Readiness and liveness probes on every (non-init) container. */
export const probesCheck: PolicyCheck = {
  id: 'portico:probes',
  title: 'Readiness and liveness probes on every container',
  severity: 'medium',
  howToFix:
    'Give every container a readinessProbe (e.g. httpGet on /readyz: traffic only reaches pods that are ready) and a livenessProbe (e.g. httpGet on /healthz: a hung process is restarted). The new-service template sets both on the health path.',
  evaluate(objects) {
    const failures: FailedObject[] = [];
    let checked = 0;
    for (const w of workloadsOf(objects)) {
      for (const container of w.podSpec.containers) {
        checked++;
        const missing = [
          hasHandler(container.readinessProbe) ? undefined : 'readinessProbe',
          hasHandler(container.livenessProbe) ? undefined : 'livenessProbe',
        ].filter(Boolean);
        if (missing.length > 0) {
          failures.push(
            workloadFailure(w, `no ${missing.join(' and ')}`, container),
          );
        }
      }
    }
    return outcome(checked, failures);
  },
};
