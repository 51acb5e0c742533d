import type {
  AuditJson,
  AuditOutcome,
  AuditSeverity,
} from '@internal/plugin-audit-common';

/** Who did it, as far as the auditor could tell. */
export type AuditActorType = 'user' | 'service' | 'anonymous';

/**
 * One audit event on its way from the auditor to the store: already redacted and sanitised
 * (no secret values, no NUL characters, bounded lengths), not yet hashed or numbered.
 *
 * @public
 */
export interface AuditRecord {
  /** When the event happened (ISO 8601, milliseconds, UTC). */
  time: string;
  plugin: string;
  eventId: string;
  severity: AuditSeverity;
  outcome: AuditOutcome;
  actorId?: string;
  actorType: AuditActorType;
  ip?: string;
  userAgent?: string;
  /** `kind:namespace/name`, lower case. */
  entityRef?: string;
  /** Shared by the `initiated` event and its `succeeded`/`failed` event. */
  requestId: string;
  requestMethod?: string;
  requestUrl?: string;
  meta?: { [key: string]: AuditJson };
  error?: string;
}

/**
 * Longest value (in UTF-16 code units) kept in each column; longer values are cut and end with
 * `…`. The indexed columns stay far below PostgreSQL's B-tree entry limit.
 *
 * @public
 */
export const AUDIT_FIELD_MAX_LENGTH = {
  plugin: 128,
  eventId: 128,
  actorId: 512,
  ip: 64,
  userAgent: 512,
  entityRef: 512,
  requestId: 128,
  requestMethod: 16,
  requestUrl: 2048,
  error: 4096,
} as const;
