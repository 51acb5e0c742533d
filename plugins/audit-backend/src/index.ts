/**
 * The audit backend plugin: Portico's durable, hash-chained audit log in PostgreSQL and its
 * query API for auditors.
 *
 * @packageDocumentation
 */
export { auditPlugin } from './plugin';
export { verifyAuditChain } from './chain/verifyChain';
