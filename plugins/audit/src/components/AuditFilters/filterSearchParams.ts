import {
  AUDIT_FILTER_KEYS,
  type AuditEventFilter,
  type AuditOutcome,
} from '@internal/plugin-audit-common';

/** The query-string keys of the filter; the same names the backend's `/events` takes. */
export const FILTER_PARAM_KEYS = AUDIT_FILTER_KEYS;

/**
 * The filter held in the page's query string (`?actor=...&from=...`), so that a filtered view
 * can be shared as a link. Values are passed on as they are: the backend checks them and
 * answers 400 naming the field, which the page shows.
 */
export function filterFromSearchParams(
  params: URLSearchParams,
): AuditEventFilter {
  const filter: AuditEventFilter = {};
  for (const key of FILTER_PARAM_KEYS) {
    const value = params.get(key)?.trim();
    if (value) {
      if (key === 'outcome') {
        filter.outcome = value as AuditOutcome;
      } else {
        filter[key] = value;
      }
    }
  }
  return filter;
}

/**
 * `params` with the filter keys replaced by `filter`'s non-empty values; other keys (such as
 * the open event) are kept unless listed in `drop`.
 */
export function withFilterSearchParams(
  params: URLSearchParams,
  filter: AuditEventFilter,
  drop: string[] = [],
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of [...FILTER_PARAM_KEYS, ...drop]) {
    next.delete(key);
  }
  for (const key of FILTER_PARAM_KEYS) {
    const value = filter[key]?.trim();
    if (value) {
      next.set(key, value);
    }
  }
  return next;
}
