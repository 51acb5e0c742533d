/**
 * Portico's auditor: every plugin's audit events are logged as upstream does and queued for the
 * durable, hash-chained audit store of `@internal/plugin-audit-backend`.
 *
 * @packageDocumentation
 */
export { auditorServiceFactory } from './auditor/auditorServiceFactory';
export {
  auditEventQueueServiceRef,
  auditEventQueueServiceFactory,
} from './queue/auditEventQueueServiceRef';
export type { AuditEventQueue, AuditDropReport } from './queue/AuditEventQueue';
export {
  DURABLE_AUDIT_SEVERITIES,
  isDurableAuditRecord,
} from './queue/AuditEventQueue';
export {
  BoundedAuditEventQueue,
  DEFAULT_AUDIT_BUFFER_CAPACITY,
  DEFAULT_AUDIT_DURABLE_TIMEOUT_SECONDS,
} from './queue/BoundedAuditEventQueue';
export {
  AUDIT_FIELD_MAX_LENGTH,
  type AuditActorType,
  type AuditRecord,
} from './AuditRecord';
export { sanitizeText } from './redaction/sanitizeText';
export { normalizeEntityRef } from './auditor/findEntityRef';
