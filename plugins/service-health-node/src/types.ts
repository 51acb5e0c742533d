/*
 * The shape every policy check answers in: Portico's own checks over a service's objects and the
 * cluster's PolicyReport results alike, so one list and one score show both.
 */

/** Severities, worst first (the PolicyReport CRDs' own set). */
export const POLICY_SEVERITIES = [
  'critical',
  'high',
  'medium',
  'low',
  'info',
] as const;

export type PolicySeverity = (typeof POLICY_SEVERITIES)[number];

export type PolicyOutcome = 'pass' | 'fail' | 'not-applicable';

/** One object a check failed on, and why. */
export interface FailedObject {
  kind: string;
  namespace?: string;
  name: string;
  /** The container, for checks about containers. */
  container?: string;
  message: string;
}

export interface PolicyCheckResult {
  /** Stable id: `portico:<check>` or `policy-report:<source>/<policy>/<rule>`. */
  id: string;
  title: string;
  severity: PolicySeverity;
  result: PolicyOutcome;
  /** Where the result comes from: Portico's checks, or the tool that wrote a PolicyReport. */
  source: string;
  /** Empty unless `result` is `fail`. */
  failures: FailedObject[];
  /** What to change so that the check passes. */
  howToFix: string;
  /** false: shown, but not counted in the score (a PolicyReport result with `scored: false`). */
  scored: boolean;
}
