/** Largest `limit` the events endpoint accepts. */
export const AUDIT_PAGE_SIZE_MAX = 500;
/** Most rows one CSV export returns (narrow the filters for more). */
export const AUDIT_CSV_ROWS_MAX = 100_000;
