/** Largest `limit` the events endpoint accepts. */
export const AUDIT_PAGE_SIZE_MAX = 500;
/** Most rows one CSV export returns (narrow the filters for more). */
export const AUDIT_CSV_ROWS_MAX = 100_000;

/** The filter fields of `GET /api/audit/events`, in the order they appear in query strings. */
export const AUDIT_FILTER_KEYS = [
  'actor',
  'action',
  'plugin',
  'entityRef',
  'outcome',
  'from',
  'to',
] as const satisfies ReadonlyArray<keyof import('./types').AuditEventFilter>;

/** Every outcome an audit event can have. */
export const AUDIT_OUTCOMES = ['initiated', 'succeeded', 'failed'] as const;
