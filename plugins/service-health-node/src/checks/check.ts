import { ServiceObjects } from '../objects/schemas';
import { FailedObject, PolicyOutcome, PolicySeverity } from '../types';

export interface Evaluation {
  result: PolicyOutcome;
  failures: FailedObject[];
}

/** One of Portico's checks: a pure function of a service's objects. */
export interface PolicyCheck {
  /** `portico:<name>`. */
  id: string;
  title: string;
  severity: PolicySeverity;
  howToFix: string;
  evaluate(objects: ServiceObjects): Evaluation;
}

/** Not applicable when nothing was checked; else pass unless something failed. */
export function outcome(checked: number, failures: FailedObject[]): Evaluation {
  if (failures.length > 0) {
    return { result: 'fail', failures };
  }
  return { result: checked > 0 ? 'pass' : 'not-applicable', failures: [] };
}
