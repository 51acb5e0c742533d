/**
 * Types of the Portico audit log, shared by the backend, its API clients and the Audit log page.
 *
 * @packageDocumentation
 */
export * from './types';
export {
  AUDIT_PAGE_SIZE_MAX,
  AUDIT_CSV_ROWS_MAX,
  AUDIT_FILTER_KEYS,
  AUDIT_OUTCOMES,
} from './limits';
