/**
 * The auditor's request-path pieces, for benchmarks and other packages' tests (not production
 * API: plugins use the auditor service from the main entry).
 *
 * @packageDocumentation
 */
export { toAuditRecord } from './auditor/toAuditRecord';
export { AuditRedactor } from './redaction/AuditRedactor';
