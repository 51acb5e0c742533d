import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  AuditChainVerification,
  AuditEvent,
  AuditEventFilter,
  AuditEventPage,
  AuditWriterStatus,
} from '@internal/plugin-audit-common';

/** Options of {@link AuditApi.listEvents}. */
export interface ListAuditEventsOptions {
  filter?: AuditEventFilter;
  /** `nextCursor` of the previous page. */
  cursor?: string;
  /** Page size; the backend accepts at most `AUDIT_PAGE_SIZE_MAX`. */
  limit?: number;
}

/**
 * The audit backend, as the Audit log page uses it. Every method rejects with a
 * `ResponseError` (from `@backstage/errors`) when the backend answers with an error status;
 * its `cause.message` is the backend's own message (e.g. naming the bad filter field).
 */
export interface AuditApi {
  /** One page of events, newest first. */
  listEvents(options?: ListAuditEventsOptions): Promise<AuditEventPage>;
  /** One event by its id. */
  getEvent(id: string): Promise<AuditEvent>;
  /** The events that match the filter, as a CSV file. */
  exportCsv(filter?: AuditEventFilter): Promise<Blob>;
  /** Recompute the hash chain. */
  verifyChain(): Promise<AuditChainVerification>;
  /** State of the backend's audit writer. */
  getWriterStatus(): Promise<AuditWriterStatus>;
}

/** The API ref of the audit backend client. */
export const auditApiRef = createApiRef<AuditApi>().with({
  id: 'plugin.audit.api',
  pluginId: 'audit',
});
