import type { AuditEvent, AuditJson } from '@internal/plugin-audit-common';
import {
  AUDIT_FIELD_MAX_LENGTH,
  sanitizeText,
  type AuditRecord,
} from '@internal/plugin-audit-node';
import { computeEventHash, type ChainedEventFields } from '../chain/eventHash';

/** A row of `audit_events`, as written and as read (PostgreSQL or SQLite). */
export interface AuditEventRow {
  id: string | number;
  time: Date | string;
  plugin: string;
  event_id: string;
  action: string;
  severity: string;
  outcome: string;
  actor_id: string | null;
  actor_type: string;
  ip: string | null;
  user_agent: string | null;
  entity_ref: string | null;
  request_id: string;
  request_method: string | null;
  request_url: string | null;
  meta: AuditJson | string | null;
  error: string | null;
  prev_hash: string;
  hash: string;
}

const ACTION_MAX_LENGTH =
  AUDIT_FIELD_MAX_LENGTH.plugin + 1 + AUDIT_FIELD_MAX_LENGTH.eventId;

function optionalText(value: string | undefined, max: number): string | null {
  return value === undefined || value === '' ? null : sanitizeText(value, max);
}

/** Plain JSON of the metadata, exactly as it reads back from the database. */
function storedMeta(meta: AuditRecord['meta']): AuditJson | null {
  if (meta === undefined || meta === null) {
    return null;
  }
  const json = JSON.parse(JSON.stringify(meta)) as AuditJson;
  return json !== null &&
    typeof json === 'object' &&
    Object.keys(json).length === 0
    ? null
    : json;
}

function isoTime(value: Date | string | number): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new Error(`invalid audit event time ${String(value)}`);
  }
  return date.toISOString();
}

/** The fields a row stores for `record` at position `id` (every text bounded and storable). */
export function recordToFields(
  record: AuditRecord,
  id: string,
): ChainedEventFields {
  const plugin = sanitizeText(record.plugin, AUDIT_FIELD_MAX_LENGTH.plugin);
  const eventId = sanitizeText(record.eventId, AUDIT_FIELD_MAX_LENGTH.eventId);
  return {
    id,
    time: isoTime(record.time),
    plugin,
    eventId,
    action: sanitizeText(`${plugin}.${eventId}`, ACTION_MAX_LENGTH),
    severity: record.severity,
    outcome: record.outcome,
    actorId: optionalText(record.actorId, AUDIT_FIELD_MAX_LENGTH.actorId),
    actorType: record.actorType,
    ip: optionalText(record.ip, AUDIT_FIELD_MAX_LENGTH.ip),
    userAgent: optionalText(record.userAgent, AUDIT_FIELD_MAX_LENGTH.userAgent),
    entityRef: optionalText(record.entityRef, AUDIT_FIELD_MAX_LENGTH.entityRef),
    requestId: sanitizeText(record.requestId, AUDIT_FIELD_MAX_LENGTH.requestId),
    requestMethod: optionalText(
      record.requestMethod,
      AUDIT_FIELD_MAX_LENGTH.requestMethod,
    ),
    requestUrl: optionalText(
      record.requestUrl,
      AUDIT_FIELD_MAX_LENGTH.requestUrl,
    ),
    meta: storedMeta(record.meta),
    error: optionalText(record.error, AUDIT_FIELD_MAX_LENGTH.error),
  };
}

/** The row to insert for `fields`, chained after `prevHash`. */
export function fieldsToRow(
  fields: ChainedEventFields,
  prevHash: string,
): Omit<AuditEventRow, 'meta'> & { meta: string | null } {
  return {
    id: fields.id,
    time: fields.time,
    plugin: fields.plugin,
    event_id: fields.eventId,
    action: fields.action,
    severity: fields.severity,
    outcome: fields.outcome,
    actor_id: fields.actorId,
    actor_type: fields.actorType,
    ip: fields.ip,
    user_agent: fields.userAgent,
    entity_ref: fields.entityRef,
    request_id: fields.requestId,
    request_method: fields.requestMethod,
    request_url: fields.requestUrl,
    meta: fields.meta === null ? null : JSON.stringify(fields.meta),
    error: fields.error,
    prev_hash: prevHash,
    hash: computeEventHash(prevHash, fields),
  };
}

/** The hashed fields of a stored row, normalised from the database's types. */
export function rowToFields(row: AuditEventRow): ChainedEventFields {
  return {
    id: String(row.id),
    time: isoTime(row.time),
    plugin: row.plugin,
    eventId: row.event_id,
    action: row.action,
    severity: row.severity,
    outcome: row.outcome,
    actorId: row.actor_id ?? null,
    actorType: row.actor_type,
    ip: row.ip ?? null,
    userAgent: row.user_agent ?? null,
    entityRef: row.entity_ref ?? null,
    requestId: row.request_id,
    requestMethod: row.request_method ?? null,
    requestUrl: row.request_url ?? null,
    meta:
      typeof row.meta === 'string'
        ? (JSON.parse(row.meta) as AuditJson)
        : row.meta ?? null,
    error: row.error ?? null,
  };
}

/** A stored row as the audit API returns it. */
export function rowToEvent(row: AuditEventRow): AuditEvent {
  const fields = rowToFields(row);
  const event: AuditEvent = {
    id: fields.id,
    time: fields.time,
    plugin: fields.plugin,
    eventId: fields.eventId,
    action: fields.action,
    severity: fields.severity as AuditEvent['severity'],
    outcome: fields.outcome as AuditEvent['outcome'],
    actor: { type: fields.actorType as AuditEvent['actor']['type'] },
    requestId: fields.requestId,
    hash: row.hash,
    prevHash: row.prev_hash,
  };
  if (fields.actorId !== null) event.actor.id = fields.actorId;
  if (fields.ip !== null) event.actor.ip = fields.ip;
  if (fields.userAgent !== null) event.actor.userAgent = fields.userAgent;
  if (fields.entityRef !== null) event.entityRef = fields.entityRef;
  if (fields.requestMethod !== null || fields.requestUrl !== null) {
    event.request = {};
    if (fields.requestMethod !== null)
      event.request.method = fields.requestMethod;
    if (fields.requestUrl !== null) event.request.url = fields.requestUrl;
  }
  if (
    fields.meta !== null &&
    typeof fields.meta === 'object' &&
    !Array.isArray(fields.meta)
  ) {
    event.meta = fields.meta;
  }
  if (fields.error !== null) event.error = fields.error;
  return event;
}
