import { PolicyCheckResult, PolicySeverity } from './types';

/** How much a check of each severity counts towards the score. */
export const SEVERITY_WEIGHTS: Record<PolicySeverity, number> = {
  critical: 10,
  high: 5,
  medium: 3,
  low: 1,
  info: 0,
};

export interface ComplianceScore {
  /** 0-100, or undefined when no scored check applies (nothing to judge: "no data"). */
  score?: number;
  passed: number;
  failed: number;
  notApplicable: number;
}

/**
 * The share of the applicable, scored checks' weight that passes, weighted by severity
 * (SEVERITY_WEIGHTS: a failed critical check costs ten times a failed low one), rounded down so
 * that 100 means nothing fails. Not-applicable checks, info checks and PolicyReport results with
 * `scored: false` do not count.
 */
export function complianceScore(checks: PolicyCheckResult[]): ComplianceScore {
  let total = 0;
  let passing = 0;
  const counts = { passed: 0, failed: 0, notApplicable: 0 };
  for (const c of checks) {
    if (c.result === 'not-applicable') {
      counts.notApplicable++;
      continue;
    }
    counts[c.result === 'pass' ? 'passed' : 'failed']++;
    const weight = c.scored ? SEVERITY_WEIGHTS[c.severity] : 0;
    total += weight;
    if (c.result === 'pass') passing += weight;
  }
  return {
    ...(total > 0 ? { score: Math.floor((100 * passing) / total) } : {}),
    ...counts,
  };
}
