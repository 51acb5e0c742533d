import type { LoggerService } from '@backstage/backend-plugin-api';
import type { AuditWriterStatus } from '@internal/plugin-audit-common';
import type { AuditRecord } from '../AuditRecord';
import type { AuditDropReport, AuditEventQueue } from './AuditEventQueue';

/** Default `audit.buffer.capacity`. */
export const DEFAULT_AUDIT_BUFFER_CAPACITY = 10_000;

/**
 * {@link AuditEventQueue} over a ring buffer of fixed capacity: O(1) enqueue, drop-oldest,
 * drain and requeue. A full buffer logs one warning per `dropWarningIntervalMs` at most.
 */
export class BoundedAuditEventQueue implements AuditEventQueue {
  readonly capacity: number;
  readonly #slots: Array<AuditRecord | undefined>;
  #head = 0;
  #length = 0;

  readonly #logger: LoggerService;
  readonly #dropWarningIntervalMs: number;
  readonly #now: () => number;
  #lastDropWarningAt = Number.NEGATIVE_INFINITY;
  #droppedSinceWarning = 0;

  #dropped = 0;
  #unreported: AuditDropReport | undefined;
  #written = 0;
  #lastWriteAt: string | undefined;
  #lastError: string | undefined;
  readonly #thresholdListeners = new Set<{
    threshold: number;
    listener: () => void;
  }>();

  constructor(options: {
    capacity?: number;
    logger: LoggerService;
    dropWarningIntervalMs?: number;
    now?: () => number;
  }) {
    const capacity = options.capacity ?? DEFAULT_AUDIT_BUFFER_CAPACITY;
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new Error(
        `audit.buffer.capacity must be a positive integer, got ${capacity}`,
      );
    }
    this.capacity = capacity;
    this.#slots = new Array(capacity);
    this.#logger = options.logger;
    this.#dropWarningIntervalMs = options.dropWarningIntervalMs ?? 30_000;
    this.#now = options.now ?? Date.now;
  }

  enqueue(record: AuditRecord): void {
    if (this.#length === this.capacity) {
      this.#popFront();
      this.#countDrops(1);
    }
    this.#slots[(this.#head + this.#length) % this.capacity] = record;
    this.#length += 1;
    for (const { threshold, listener } of this.#thresholdListeners) {
      if (this.#length === threshold) {
        listener();
      }
    }
  }

  drain(max: number): AuditRecord[] {
    const count = Math.min(Math.max(0, Math.floor(max)), this.#length);
    const records: AuditRecord[] = new Array(count);
    for (let i = 0; i < count; i++) {
      records[i] = this.#popFront()!;
    }
    return records;
  }

  requeueFront(records: AuditRecord[]): void {
    const free = this.capacity - this.#length;
    // The requeued events are older than everything waiting: when they do not fit, they are
    // the oldest, so the first of them are the ones dropped.
    const dropCount = Math.max(0, records.length - free);
    if (dropCount > 0) {
      this.#countDrops(dropCount);
    }
    for (let i = records.length - 1; i >= dropCount; i--) {
      this.#head = (this.#head - 1 + this.capacity) % this.capacity;
      this.#slots[this.#head] = records[i];
      this.#length += 1;
    }
  }

  size(): number {
    return this.#length;
  }

  onThreshold(threshold: number, listener: () => void): () => void {
    const entry = { threshold: Math.min(threshold, this.capacity), listener };
    this.#thresholdListeners.add(entry);
    return () => {
      this.#thresholdListeners.delete(entry);
    };
  }

  takeDropReport(): AuditDropReport | undefined {
    const report = this.#unreported;
    this.#unreported = undefined;
    return report;
  }

  restoreDropReport(report: AuditDropReport): void {
    const current = this.#unreported;
    this.#unreported = current
      ? {
          count: current.count + report.count,
          firstAt:
            report.firstAt < current.firstAt ? report.firstAt : current.firstAt,
          lastAt:
            report.lastAt > current.lastAt ? report.lastAt : current.lastAt,
        }
      : report;
  }

  recordWritten(count: number, at: Date = new Date(this.#now())): void {
    this.#written += count;
    this.#lastWriteAt = at.toISOString();
    this.#lastError = undefined;
  }

  recordWriteError(error: unknown): void {
    this.#lastError = error instanceof Error ? error.message : String(error);
  }

  status(): AuditWriterStatus {
    return {
      buffered: this.#length,
      capacity: this.capacity,
      dropped: this.#dropped,
      written: this.#written,
      ...(this.#lastWriteAt ? { lastWriteAt: this.#lastWriteAt } : {}),
      ...(this.#lastError ? { lastError: this.#lastError } : {}),
    };
  }

  #popFront(): AuditRecord | undefined {
    if (this.#length === 0) {
      return undefined;
    }
    const record = this.#slots[this.#head];
    this.#slots[this.#head] = undefined;
    this.#head = (this.#head + 1) % this.capacity;
    this.#length -= 1;
    return record;
  }

  #countDrops(count: number) {
    const now = this.#now();
    const at = new Date(now).toISOString();
    this.#dropped += count;
    this.#droppedSinceWarning += count;
    this.#unreported = this.#unreported
      ? {
          ...this.#unreported,
          count: this.#unreported.count + count,
          lastAt: at,
        }
      : { count, firstAt: at, lastAt: at };
    if (now - this.#lastDropWarningAt >= this.#dropWarningIntervalMs) {
      this.#logger.warn(
        `Audit buffer full (capacity ${this.capacity}): dropped the ${
          this.#droppedSinceWarning
        } oldest waiting audit event(s) since the last warning, ${
          this.#dropped
        } since start. The audit store is not keeping up or is unreachable.`,
        {
          droppedSinceLastWarning: this.#droppedSinceWarning,
          droppedTotal: this.#dropped,
        },
      );
      this.#lastDropWarningAt = now;
      this.#droppedSinceWarning = 0;
    }
  }
}
