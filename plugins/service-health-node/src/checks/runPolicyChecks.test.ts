import { parseServiceObjects } from '../objects/parse';
import { policyReportChecks } from '../reports/policyReportChecks';
import { complianceScore } from '../score';
import { kyvernoPolicyReport } from '../testing/policyReports';
import { compliantServiceObjects } from '../testing/serviceObjects';
import { POLICY_CHECKS, runPolicyChecks } from './runPolicyChecks';

describe('runPolicyChecks', () => {
  it('every check passes on the compliant service: score 100', () => {
    const results = runPolicyChecks(
      parseServiceObjects(compliantServiceObjects()),
    );
    expect(results.map(r => [r.id, r.result])).toEqual(
      POLICY_CHECKS.map(c => [c.id, 'pass']),
    );
    expect(complianceScore(results).score).toBe(100);
  });

  it('a service with no objects has nothing to judge', () => {
    const results = runPolicyChecks(parseServiceObjects({}));
    expect(new Set(results.map(r => r.result))).toEqual(
      new Set(['not-applicable']),
    );
    expect(complianceScore(results).score).toBeUndefined();
  });

  it("the cluster's PolicyReports count in the same score", () => {
    const objects = compliantServiceObjects();
    delete objects.deployments[0].spec.template.spec.containers[0]
      .livenessProbe;
    const results = [
      ...runPolicyChecks(parseServiceObjects(objects)),
      ...policyReportChecks([kyvernoPolicyReport]),
    ];
    const failed = results.filter(r => r.result === 'fail');
    expect(failed.map(r => r.id)).toEqual([
      'portico:probes',
      'policy-report:kyverno/require-run-as-nonroot/run-as-non-root',
    ]);
    expect(failed.every(r => r.howToFix.length > 20)).toBe(true);
    // weight 5+3+5+10+5+3+3 (portico) + 3+5 (kyverno) = 42, of which probes (3) and run-as-non-root (5) fail
    expect(complianceScore(results).score).toBe(Math.floor((100 * 34) / 42));
  });
});
