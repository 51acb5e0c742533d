import { complianceScore } from './score';
import { PolicyCheckResult, PolicySeverity } from './types';

const check = (
  severity: PolicySeverity,
  result: PolicyCheckResult['result'],
  scored = true,
): PolicyCheckResult => ({
  id: `x:${severity}:${result}`,
  title: 't',
  severity,
  result,
  source: 'portico',
  failures: [],
  howToFix: 'fix',
  scored,
});

describe('complianceScore', () => {
  it('weights by severity: critical 10, high 5, medium 3, low 1', () => {
    // pass 5 + 3 of 10 + 5 + 3 + 1 = 19 -> 42.1
    expect(
      complianceScore([
        check('critical', 'fail'),
        check('high', 'pass'),
        check('medium', 'pass'),
        check('low', 'fail'),
      ]),
    ).toEqual({ score: 42, passed: 2, failed: 2, notApplicable: 0 });
    expect(
      complianceScore([check('critical', 'pass'), check('low', 'fail')]).score,
    ).toBe(90);
  });

  it('100 only when nothing scored fails; not-applicable, info and unscored do not count', () => {
    expect(
      complianceScore([
        check('high', 'pass'),
        check('critical', 'not-applicable'),
        check('info', 'fail'),
        check('critical', 'fail', false),
      ]),
    ).toEqual({ score: 100, passed: 1, failed: 2, notApplicable: 1 });
    expect(
      complianceScore([check('high', 'pass'), check('low', 'fail')]).score,
    ).toBe(83);
  });

  it('no score without an applicable scored check', () => {
    expect(complianceScore([check('high', 'not-applicable')])).toEqual({
      passed: 0,
      failed: 0,
      notApplicable: 1,
    });
    expect(complianceScore([]).score).toBeUndefined();
  });
});
