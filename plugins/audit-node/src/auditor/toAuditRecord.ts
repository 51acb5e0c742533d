import type { AuditorEvent } from '@backstage/backend-defaults/auditor';
import type { AuditSeverity } from '@internal/plugin-audit-common';
import {
  AUDIT_FIELD_MAX_LENGTH,
  type AuditActorType,
  type AuditRecord,
} from '../AuditRecord';
import type { AuditRedactor } from '../redaction/AuditRedactor';
import { sanitizeText } from '../redaction/sanitizeText';
import { findEntityRef } from './findEntityRef';

const SEVERITIES: readonly AuditSeverity[] = [
  'low',
  'medium',
  'high',
  'critical',
];

/** `user:…` is a user; any other principal (`plugin:…`, `external:…`) a service; none, anonymous. */
export function actorTypeOf(actorId: string | undefined): AuditActorType {
  if (!actorId) {
    return 'anonymous';
  }
  return actorId.startsWith('user:') ? 'user' : 'service';
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    return error.name && error.name !== 'Error'
      ? `${error.name}: ${error.message}`
      : error.message;
  }
  return String(error);
}

/**
 * What the store keeps of an upstream auditor event: actor and its type, outcome, the entity it
 * is about, the request id shared by the event's `initiated` and final record, and metadata,
 * URL and error message with secrets redacted. Every text is storable and bounded.
 */
export function toAuditRecord(
  event: AuditorEvent,
  context: { requestId: string; redactor: AuditRedactor; now?: Date },
): AuditRecord {
  const { redactor } = context;
  const text = (value: string | undefined, max: number) =>
    value === undefined || value === '' ? undefined : sanitizeText(value, max);

  const meta = redactor.redactMeta(event.meta);
  const actorId = text(event.actor?.actorId, AUDIT_FIELD_MAX_LENGTH.actorId);
  const record: AuditRecord = {
    time: (context.now ?? new Date()).toISOString(),
    plugin: sanitizeText(event.plugin, AUDIT_FIELD_MAX_LENGTH.plugin),
    eventId: sanitizeText(event.eventId, AUDIT_FIELD_MAX_LENGTH.eventId),
    severity: SEVERITIES.includes(event.severityLevel)
      ? event.severityLevel
      : 'low',
    outcome: event.status,
    actorType: actorTypeOf(actorId),
    requestId: sanitizeText(
      context.requestId,
      AUDIT_FIELD_MAX_LENGTH.requestId,
    ),
  };
  const optional: Partial<AuditRecord> = {
    actorId,
    ip: text(event.actor?.ip, AUDIT_FIELD_MAX_LENGTH.ip),
    userAgent: text(
      event.actor?.userAgent && redactor.redactText(event.actor.userAgent),
      AUDIT_FIELD_MAX_LENGTH.userAgent,
    ),
    entityRef: text(findEntityRef(meta), AUDIT_FIELD_MAX_LENGTH.entityRef),
    requestMethod: text(
      event.request?.method,
      AUDIT_FIELD_MAX_LENGTH.requestMethod,
    ),
    requestUrl: text(
      event.request?.url && redactor.redactUrl(event.request.url),
      AUDIT_FIELD_MAX_LENGTH.requestUrl,
    ),
    meta,
    error:
      event.status === 'failed'
        ? text(
            redactor.redactText(describeError(event.error)),
            AUDIT_FIELD_MAX_LENGTH.error,
          )
        : undefined,
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) {
      (record as unknown as Record<string, unknown>)[key] = value;
    }
  }
  return record;
}
