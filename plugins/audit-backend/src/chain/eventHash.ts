import type { AuditJson } from '@internal/plugin-audit-common';
import { createHash } from 'node:crypto';

/** `prev_hash` of the very first event of a log that was never cut by retention. */
export const GENESIS_HASH = '0'.repeat(64);

/** The stored fields of an event that its hash covers (everything but the hashes). */
export interface ChainedEventFields {
  id: string;
  time: string;
  plugin: string;
  eventId: string;
  action: string;
  severity: string;
  outcome: string;
  actorId: string | null;
  actorType: string;
  ip: string | null;
  userAgent: string | null;
  entityRef: string | null;
  requestId: string;
  requestMethod: string | null;
  requestUrl: string | null;
  meta: AuditJson | null;
  error: string | null;
}

/**
 * JSON with object keys sorted at every level and no whitespace, so the same content always
 * gives the same text — also after a round trip through PostgreSQL `jsonb`, which reorders keys.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) {
    return 'null';
  }
  if (typeof value !== 'object') {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    }
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  // Default sort: UTF-16 code unit order, the same on every machine (not locale order).
  const keys = Object.keys(object).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = object[key];
    if (item !== undefined) {
      out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item)}`;
      first = false;
    }
  }
  return `${out}}`;
}

/** sha256 (hex) of the previous event's hash followed by this event's canonical JSON. */
export function computeEventHash(
  prevHash: string,
  fields: ChainedEventFields,
): string {
  return createHash('sha256')
    .update(prevHash)
    .update(canonicalJson(fields))
    .digest('hex');
}
