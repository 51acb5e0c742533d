import type { AuditWriterStatus } from '@internal/plugin-audit-common';
import type { AuditRecord } from '../AuditRecord';

/** Events dropped because the buffer was full, not yet recorded in the log itself. */
export interface AuditDropReport {
  count: number;
  /** When the first and the last of them were dropped (ISO 8601). */
  firstAt: string;
  lastAt: string;
}

/**
 * Severities whose events record a sensitive action: they are never dropped, and the auditor
 * waits until they are stored ({@link AuditEventQueue.enqueueDurable}) before the action answers.
 *
 * @public
 */
export const DURABLE_AUDIT_SEVERITIES: ReadonlyArray<AuditRecord['severity']> =
  ['medium', 'high', 'critical'];

/** Whether a record is one of a sensitive action ({@link DURABLE_AUDIT_SEVERITIES}). */
export function isDurableAuditRecord(record: AuditRecord): boolean {
  return DURABLE_AUDIT_SEVERITIES.includes(record.severity);
}

/**
 * The bounded, in-memory queue between the auditor (every plugin) and the audit writer.
 * One per backend process. Two lanes:
 * - low-severity events: never block the producer; when their lane is full the OLDEST waiting
 *   low event is dropped and counted (`dropped`, and one `audit.events-dropped` record);
 * - events of sensitive actions (severity medium and above): never dropped. The auditor waits for
 *   each to be stored ({@link AuditEventQueue.enqueueDurable}); when the store does not take them in
 *   time, or their lane is full, the action is refused instead.
 * Events are drained in the order they were enqueued, across both lanes.
 *
 * @public
 */
export interface AuditEventQueue {
  /** Capacity of each lane. */
  readonly capacity: number;
  /**
   * Adds an event at the back without waiting. A low event drops the oldest waiting low event
   * when its lane is full; an event of a sensitive action is never dropped.
   */
  enqueue(record: AuditRecord): void;
  /**
   * Adds an event of a sensitive action and resolves once the writer has stored it. Rejects with
   * a `ServiceUnavailableError` (the action is refused) when its lane is full (an `initiated`
   * event) or when it is not stored within the durable timeout; the event stays queued and is
   * stored when the store is back. Without a writer attached (no audit store in this backend) it
   * resolves at once.
   */
  enqueueDurable(record: AuditRecord): Promise<void>;
  /** The writer stored these records (as taken by `drain`): their `enqueueDurable` resolves. */
  markWritten(records: AuditRecord[]): void;
  /** A writer takes events from this queue; returns the detach function. */
  attachWriter(): () => void;
  /** Calls `listener` whenever an event waits to be stored durably (write it now). */
  onUrgent(listener: () => void): () => void;
  /** Removes and returns up to `max` events from the front (oldest first). */
  drain(max: number): AuditRecord[];
  /**
   * Puts events taken by `drain` back at the front, in their order, after a failed write. When
   * they do not all fit, the oldest of them are dropped and counted.
   */
  requeueFront(records: AuditRecord[]): void;
  /** Events waiting. */
  size(): number;
  /** Calls `listener` whenever an `enqueue` makes the queue hold `threshold` events. */
  onThreshold(threshold: number, listener: () => void): () => void;
  /** Takes the drops not yet recorded as an `audit.events-dropped` event (and resets them). */
  takeDropReport(): AuditDropReport | undefined;
  /** Gives back a report whose event could not be written. */
  restoreDropReport(report: AuditDropReport): void;
  /** The writer stored `count` events. */
  recordWritten(count: number, at?: Date): void;
  /** The writer failed; cleared by the next successful write. */
  recordWriteError(error: unknown): void;
  status(): AuditWriterStatus;
}
