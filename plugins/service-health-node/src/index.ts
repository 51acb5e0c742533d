/**
 * Policy compliance of a service: Portico's checks as pure functions over the Kubernetes objects
 * of its namespaces, the cluster's PolicyReports in the same shape, and the score over both.
 *
 * @packageDocumentation
 */
export { POLICY_SEVERITIES } from './types';
export type {
  FailedObject,
  PolicyCheckResult,
  PolicyOutcome,
  PolicySeverity,
} from './types';
export {
  parseServiceObjects,
  serviceObjectsOf,
  ServiceObjectsError,
} from './objects/parse';
export type { ServiceObjects, ServiceObjectsInput } from './objects/schemas';
export { POLICY_CHECKS, runPolicyChecks } from './checks/runPolicyChecks';
export type { PolicyCheck, Evaluation } from './checks/check';
export { ESO_MANAGED_LABEL } from './checks/secrets';
export { parseImageReference, unpinnedReason } from './checks/imageReference';
export {
  parsePolicyReport,
  policyReportChecks,
  PolicyReportError,
} from './reports/policyReportChecks';
export { POLICY_REPORT_API_VERSIONS } from './reports/policyReportSchema';
export type { PolicyReport } from './reports/policyReportSchema';
export { complianceScore, SEVERITY_WEIGHTS } from './score';
export type { ComplianceScore } from './score';
