import { CrdSchemaValidator } from '@internal/deployment-checks/testUtils';
import { specFile } from '@internal/plugin-portico-node/testUtils';
import {
  kyvernoPolicyReport,
  openReport,
  referencePolicyReport,
} from '../testing/policyReports';
import { parsePolicyReport, policyReportChecks } from './policyReportChecks';

const crd = (...path: string[]) =>
  CrdSchemaValidator.fromFiles([specFile('policy-reports', ...path)]);

describe('PolicyReport fixtures', () => {
  it.each([
    [
      'Kyverno v1alpha2',
      kyvernoPolicyReport,
      ['kyverno', 'wgpolicyk8s.io_policyreports.yaml'],
    ],
    [
      'reference v1alpha2',
      kyvernoPolicyReport,
      ['wg-policy-prototypes', 'wgpolicyk8s.io_policyreports.yaml'],
    ],
    [
      'reference v1beta1',
      referencePolicyReport,
      ['wg-policy-prototypes', 'wgpolicyk8s.io_policyreports.yaml'],
    ],
    [
      'OpenReports Report',
      openReport,
      ['openreports', 'openreports.io_reports.yaml'],
    ],
  ])('%s is valid against its CRD', (_name, report, path) => {
    expect(crd(...path).validate(report).errors).toEqual([]);
  });

  it('the validators refuse what the CRDs refuse (so the test above can fail)', () => {
    const v1alpha2 = crd('kyverno', 'wgpolicyk8s.io_policyreports.yaml');
    const badResult = structuredClone(kyvernoPolicyReport);
    (badResult.results[0] as any).result = 'passed';
    expect(v1alpha2.validate(badResult).valid).toBe(false);
    // Kyverno installs v1alpha2 only.
    expect(v1alpha2.validate(referencePolicyReport).valid).toBe(false);
    const noPolicy = structuredClone(openReport);
    delete (noPolicy.results[0] as any).policy;
    expect(
      crd('openreports', 'openreports.io_reports.yaml').validate(noPolicy)
        .valid,
    ).toBe(false);
  });
});

describe('policyReportChecks', () => {
  const checks = policyReportChecks([
    kyvernoPolicyReport,
    referencePolicyReport,
    openReport,
  ]);
  const byId = (id: string) => checks.find(c => c.id === id);

  it('merges one policy rule across reports: a fail anywhere fails it, naming the scope', () => {
    expect(
      byId('policy-report:kyverno/require-run-as-nonroot/run-as-non-root'),
    ).toEqual({
      id: 'policy-report:kyverno/require-run-as-nonroot/run-as-non-root',
      title: 'Pod Security Standards (Restricted): run-as-non-root',
      severity: 'high',
      result: 'fail',
      source: 'kyverno',
      failures: [
        {
          kind: 'Deployment',
          namespace: 'payments',
          name: 'payments',
          message: 'Running as root is not allowed. Set runAsNonRoot to true.',
        },
      ],
      howToFix: expect.stringContaining('Set runAsNonRoot to true.'),
      scored: true,
    });
  });

  it('v1beta1: the report-level source; warn fails with each resource; scored: false kept', () => {
    const check = byId('policy-report:trivy/KSV-0011/cpu-limit');
    expect(check).toMatchObject({
      result: 'fail',
      severity: 'low',
      scored: false,
    });
    expect(check!.failures.map(f => f.name)).toEqual([
      'payments',
      'payments-worker',
    ]);
  });

  it('pass passes; skip and error only are not applicable', () => {
    expect(
      byId(
        'policy-report:kyverno/disallow-privilege-escalation/privilege-escalation',
      )!.result,
    ).toBe('pass');
    expect(
      byId(
        'policy-report:kyverno/restrict-image-registries/validate-registries',
      )!.result,
    ).toBe('not-applicable');
    expect(
      byId('policy-report:kyverno/require-network-policy/check-network-policy'),
    ).toMatchObject({
      result: 'not-applicable',
      severity: 'critical',
      failures: [],
    });
    expect(checks).toHaveLength(5);
  });

  it('refuses v1alpha1 and unknown kinds, naming the field', () => {
    expect(() =>
      parsePolicyReport({
        ...kyvernoPolicyReport,
        apiVersion: 'wgpolicyk8s.io/v1alpha1',
      }),
    ).toThrow(/invalid policy report: apiVersion/);
    expect(() =>
      parsePolicyReport({ ...openReport, kind: 'VulnerabilityReport' }),
    ).toThrow(/invalid policy report: kind/);
  });
});
