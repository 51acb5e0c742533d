import { InputError } from '@backstage/errors';
import {
  AUDIT_FILTER_KEYS,
  AUDIT_OUTCOMES,
  AUDIT_PAGE_SIZE_MAX,
  type AuditOutcome,
} from '@internal/plugin-audit-common';
import { normalizeEntityRef } from '@internal/plugin-audit-node';
import type { AuditQueryFilter } from '../database/AuditStore';

/** Default page size of `GET /events`. */
export const AUDIT_PAGE_SIZE_DEFAULT = 50;

const OUTCOMES: readonly AuditOutcome[] = AUDIT_OUTCOMES;
const FILTER_KEYS: readonly string[] = AUDIT_FILTER_KEYS;
const ISO_DATE_TIME =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const ID = /^[1-9]\d{0,18}$/;
const MAX_ID = 9223372036854775807n;

type Query = Record<string, unknown>;

/** `req.query[key]` as one string; a repeated or nested parameter is a 400 naming it. */
function single(query: Query, key: string): string | undefined {
  const value = query[key];
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new InputError(`Invalid ${key}: give it once, as a plain value`);
  }
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function text(
  query: Query,
  key: string,
  maxLength: number,
): string | undefined {
  const value = single(query, key);
  if (value !== undefined && value.length > maxLength) {
    throw new InputError(`Invalid ${key}: longer than ${maxLength} characters`);
  }
  return value;
}

function dateTime(query: Query, key: 'from' | 'to'): Date | undefined {
  const value = single(query, key);
  if (value === undefined) {
    return undefined;
  }
  const date = new Date(value);
  if (!ISO_DATE_TIME.test(value) || Number.isNaN(date.getTime())) {
    throw new InputError(
      `Invalid ${key}: expected an ISO 8601 date or date-time such as 2024-05-01T12:00:00Z, got '${value.slice(
        0,
        64,
      )}'`,
    );
  }
  return date;
}

/** An event id (`/events/:id`, `cursor`): a positive 64-bit integer in decimal. */
export function parseEventId(value: unknown, name: string): string {
  if (typeof value !== 'string' || !ID.test(value) || BigInt(value) > MAX_ID) {
    throw new InputError(
      `Invalid ${name}: expected an event id (a positive integer)`,
    );
  }
  return value;
}

/**
 * The filters of `GET /events` and `GET /events.csv`, checked: every bad value, and any
 * parameter the endpoint does not know, is an `InputError` (400) that names it.
 */
export function parseAuditFilter(
  query: Query,
  allowedExtraKeys: readonly string[] = [],
): AuditQueryFilter {
  for (const key of Object.keys(query)) {
    if (!FILTER_KEYS.includes(key) && !allowedExtraKeys.includes(key)) {
      throw new InputError(
        `Unknown query parameter ${key}: expected ${[
          ...FILTER_KEYS,
          ...allowedExtraKeys,
        ].join(', ')}`,
      );
    }
  }
  const filter: AuditQueryFilter = {};
  const actor = text(query, 'actor', 512);
  if (actor !== undefined) filter.actor = actor;
  const action = text(query, 'action', 257);
  if (action !== undefined) filter.action = action;
  const plugin = text(query, 'plugin', 128);
  if (plugin !== undefined) filter.plugin = plugin;

  const entityRef = text(query, 'entityRef', 512);
  if (entityRef !== undefined) {
    const normalized = normalizeEntityRef(entityRef);
    if (!normalized) {
      throw new InputError(
        `Invalid entityRef: expected kind:namespace/name (or kind:name), got '${entityRef.slice(
          0,
          64,
        )}'`,
      );
    }
    filter.entityRef = normalized;
  }

  const outcome = single(query, 'outcome');
  if (outcome !== undefined) {
    if (!OUTCOMES.includes(outcome as AuditOutcome)) {
      throw new InputError(
        `Invalid outcome: expected one of ${OUTCOMES.join(
          ', ',
        )}, got '${outcome.slice(0, 64)}'`,
      );
    }
    filter.outcome = outcome as AuditOutcome;
  }

  const from = dateTime(query, 'from');
  const to = dateTime(query, 'to');
  if (from && to && from.getTime() >= to.getTime()) {
    throw new InputError('Invalid to: must be later than from');
  }
  if (from) filter.from = from;
  if (to) filter.to = to;
  return filter;
}

/** `limit` and `cursor` of `GET /events`. */
export function parsePage(query: Query): { limit: number; cursor?: string } {
  const rawLimit = single(query, 'limit');
  let limit = AUDIT_PAGE_SIZE_DEFAULT;
  if (rawLimit !== undefined) {
    limit = Number(rawLimit);
    if (!/^\d+$/.test(rawLimit) || limit < 1 || limit > AUDIT_PAGE_SIZE_MAX) {
      throw new InputError(
        `Invalid limit: expected an integer from 1 to ${AUDIT_PAGE_SIZE_MAX}, got '${rawLimit.slice(
          0,
          32,
        )}'`,
      );
    }
  }
  const rawCursor = single(query, 'cursor');
  return rawCursor === undefined
    ? { limit }
    : { limit, cursor: parseEventId(rawCursor, 'cursor') };
}
