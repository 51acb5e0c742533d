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
 * The bounded, in-memory queue between the auditor (every plugin) and the audit writer.
 * One per backend process. Never throws at the producer and never blocks it: when full, the
 * OLDEST waiting event is dropped and counted.
 *
 * @public
 */
export interface AuditEventQueue {
  readonly capacity: number;
  /** Adds an event at the back; drops the oldest waiting event when full. */
  enqueue(record: AuditRecord): void;
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
