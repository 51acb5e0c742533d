import type { AuditEvent } from '@internal/plugin-audit-common';

/** Columns of the CSV export, in order. */
export const AUDIT_CSV_COLUMNS: ReadonlyArray<
  [header: string, value: (event: AuditEvent) => string | undefined]
> = [
  ['id', e => e.id],
  ['time', e => e.time],
  ['action', e => e.action],
  ['plugin', e => e.plugin],
  ['event_id', e => e.eventId],
  ['severity', e => e.severity],
  ['outcome', e => e.outcome],
  ['actor_id', e => e.actor.id],
  ['actor_type', e => e.actor.type],
  ['ip', e => e.actor.ip],
  ['user_agent', e => e.actor.userAgent],
  ['entity_ref', e => e.entityRef],
  ['request_id', e => e.requestId],
  ['request_method', e => e.request?.method],
  ['request_url', e => e.request?.url],
  ['error', e => e.error],
  ['meta', e => (e.meta ? JSON.stringify(e.meta) : undefined)],
  ['prev_hash', e => e.prevHash],
  ['hash', e => e.hash],
];

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote, line break or edge whitespace,
 * with quotes doubled. A cell that a spreadsheet would run as a formula (starting with `=`, `+`,
 * `-`, `@`, tab or carriage return) gets a leading `'` so it stays text.
 */
export function csvCell(value: string | undefined | null): string {
  let text = value ?? '';
  if (/^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`;
  }
  if (/[",\r\n]/.test(text) || /^\s|\s$/.test(text)) {
    text = `"${text.replace(/"/g, '""')}"`;
  }
  return text;
}

/** The header line, CRLF-terminated. */
export function csvHeader(): string {
  return `${AUDIT_CSV_COLUMNS.map(([header]) => header).join(',')}\r\n`;
}

/** One event as a CSV line, CRLF-terminated. */
export function csvLine(event: AuditEvent): string {
  return `${AUDIT_CSV_COLUMNS.map(([, value]) => csvCell(value(event))).join(
    ',',
  )}\r\n`;
}
