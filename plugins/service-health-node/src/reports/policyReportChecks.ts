import {
  POLICY_SEVERITIES,
  FailedObject,
  PolicyCheckResult,
  PolicySeverity,
} from '../types';
import {
  PolicyReport,
  PolicyReportResult,
  policyReportSchema,
} from './policyReportSchema';

/** Thrown for a report that is not a PolicyReport of a version this adapter reads. */
export class PolicyReportError extends Error {
  readonly name = 'PolicyReportError';
}

export function parsePolicyReport(input: unknown): PolicyReport {
  const parsed = policyReportSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PolicyReportError(
      `invalid policy report: ${issue.path.join('.') || '(root)'}: ${
        issue.message
      }`,
    );
  }
  return parsed.data;
}

interface Group {
  id: string;
  source: string;
  policy: string;
  rule?: string;
  category?: string;
  results: Array<{ result: PolicyReportResult; report: PolicyReport }>;
}

const worst = (a: PolicySeverity, b: PolicySeverity) =>
  POLICY_SEVERITIES.indexOf(a) <= POLICY_SEVERITIES.indexOf(b) ? a : b;

/** The objects a failed result is about: its resources, else the report's scope, else the report. */
function failedObjects(
  r: PolicyReportResult,
  report: PolicyReport,
): FailedObject[] {
  const message =
    r.message ?? `${r.result} (${r.policy}${r.rule ? `/${r.rule}` : ''})`;
  let refs = r.resources ?? [];
  if (refs.length === 0 && report.scope) refs = [report.scope];
  if (refs.length === 0) {
    return [
      {
        kind: report.kind,
        namespace: report.metadata.namespace,
        name: report.metadata.name,
        message,
      },
    ];
  }
  return refs.map(ref => ({
    kind: ref.kind ?? 'unknown',
    namespace: ref.namespace ?? report.metadata.namespace,
    name: ref.name ?? ref.uid ?? 'unknown',
    message,
  }));
}

function toCheck(g: Group): PolicyCheckResult {
  const outcomes = g.results.map(x => x.result.result);
  const failing = g.results.filter(
    x => x.result.result === 'fail' || x.result.result === 'warn',
  );
  let result: PolicyCheckResult['result'] = 'not-applicable';
  if (failing.length > 0) result = 'fail';
  else if (outcomes.includes('pass')) result = 'pass';
  const severity = g.results
    .map(x => x.result.severity ?? 'medium')
    .reduce(worst, 'info');
  const firstMessage = failing.find(x => x.result.message)?.result.message;
  const named = `policy ${g.policy}${g.rule ? `, rule ${g.rule}` : ''} (${
    g.source
  })`;
  return {
    id: g.id,
    title: g.category
      ? `${g.category}: ${g.rule ?? g.policy}`
      : g.rule ?? g.policy,
    severity,
    result,
    source: g.source,
    failures: failing.flatMap(x => failedObjects(x.result, x.report)),
    howToFix: firstMessage
      ? `${firstMessage} — change the objects named so that ${named} passes.`
      : `Change the objects named so that ${named} passes; the policy's own documentation describes what it requires.`,
    scored: g.results.some(x => x.result.scored !== false),
  };
}

/**
 * The results of PolicyReports (parsed here) as checks: one check per source, policy and rule
 * across the reports, failing when any result fails or warns (each failed object named with the
 * engine's message), passing when some pass and none fail; skip and error only are not
 * applicable (the engine did not judge the object). Severity is the worst given (medium when
 * none is).
 */
export function policyReportChecks(reports: unknown[]): PolicyCheckResult[] {
  const groups = new Map<string, Group>();
  for (const input of reports) {
    const report = parsePolicyReport(input);
    for (const result of report.results) {
      const source = result.source ?? report.source ?? 'policy-report';
      const id = `policy-report:${source}/${result.policy}/${
        result.rule ?? ''
      }`;
      let group = groups.get(id);
      if (!group) {
        group = {
          id,
          source,
          policy: result.policy,
          rule: result.rule,
          category: result.category,
          results: [],
        };
        groups.set(id, group);
      }
      group.results.push({ result, report });
    }
  }
  return [...groups.values()].map(toCheck);
}
