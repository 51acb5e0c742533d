import { ServiceObjects } from '../objects/schemas';
import { PolicyCheckResult } from '../types';
import { PolicyCheck } from './check';
import { disruptionBudgetCheck } from './disruptionBudget';
import { imagePinnedCheck } from './imagePinned';
import { networkPolicyCheck } from './networkPolicy';
import { nonRootCheck } from './nonRoot';
import { probesCheck } from './probes';
import { resourcesCheck } from './resources';
import { secretsCheck } from './secrets';

/** Portico's checks, in the order a page lists them. */
export const POLICY_CHECKS: readonly PolicyCheck[] = [
  resourcesCheck,
  probesCheck,
  networkPolicyCheck,
  secretsCheck,
  nonRootCheck,
  imagePinnedCheck,
  disruptionBudgetCheck,
];

/** Runs every Portico check over one service's objects (parsed: parseServiceObjects). */
export function runPolicyChecks(objects: ServiceObjects): PolicyCheckResult[] {
  return POLICY_CHECKS.map(check => {
    const { result, failures } = check.evaluate(objects);
    return {
      id: check.id,
      title: check.title,
      severity: check.severity,
      result,
      source: 'portico',
      failures,
      howToFix: check.howToFix,
      scored: true,
    };
  });
}
