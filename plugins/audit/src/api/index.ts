export { auditApiRef } from './AuditApi';
export type { AuditApi, ListAuditEventsOptions } from './AuditApi';
export { AuditClient } from './AuditClient';
export { describeAuditError } from './describeAuditError';
export type { AuditErrorDescription } from './describeAuditError';
