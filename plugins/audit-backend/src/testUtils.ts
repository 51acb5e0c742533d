/**
 * The audit store itself, for benchmarks and other packages' tests (not production API: the
 * plugin serves the log through its routes).
 *
 * @packageDocumentation
 */
export {
  applyAuditMigrations,
  AuditStore,
  whereAuditFilter,
  type AuditQueryFilter,
} from './database/AuditStore';
