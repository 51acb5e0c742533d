/**
 * The Audit log page: filters kept in the URL, events table, event details, CSV export, chain
 * verification and writer status, over the `audit` backend plugin.
 *
 * @packageDocumentation
 */
export { auditPlugin, auditPlugin as default } from './plugin';
export { auditApiRef, AuditClient } from './api';
export type { AuditApi, ListAuditEventsOptions } from './api';
