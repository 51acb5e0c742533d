import type { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import type { AuditWriterStatus } from '@internal/plugin-audit-common';
import type { AuditRecord } from '../AuditRecord';
import {
  isDurableAuditRecord,
  type AuditDropReport,
  type AuditEventQueue,
} from './AuditEventQueue';
import { Ring, type Entry } from './Ring';

/** Default `audit.buffer.capacity`. */
export const DEFAULT_AUDIT_BUFFER_CAPACITY = 10_000;

/** Default `audit.buffer.durableTimeoutSeconds`. */
export const DEFAULT_AUDIT_DURABLE_TIMEOUT_SECONDS = 10;

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * {@link AuditEventQueue} over two lanes: a ring buffer of fixed capacity for low-severity events
 * (O(1) enqueue, drop-oldest, drain and requeue), and a lane of the same capacity for events of
 * sensitive actions, which are never dropped. A full low lane logs one warning per
 * `dropWarningIntervalMs` at most.
 */
export class BoundedAuditEventQueue implements AuditEventQueue {
  readonly capacity: number;
  readonly #low: Ring;
  /** Sensitive events; may hold more than `capacity` only through requeues and outcomes of admitted actions. */
  readonly #durable: Entry[] = [];
  #durableHead = 0;
  #seq = 0;
  readonly #seqOf = new WeakMap<AuditRecord, number>();
  readonly #waiters = new Map<AuditRecord, Waiter>();
  #writers = 0;

  readonly #logger: LoggerService;
  readonly #dropWarningIntervalMs: number;
  readonly #durableTimeoutMs: number;
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
  readonly #urgentListeners = new Set<() => void>();

  constructor(options: {
    capacity?: number;
    logger: LoggerService;
    dropWarningIntervalMs?: number;
    /** How long `enqueueDurable` waits for the store (default 10 s). */
    durableTimeoutMs?: number;
    now?: () => number;
  }) {
    const capacity = options.capacity ?? DEFAULT_AUDIT_BUFFER_CAPACITY;
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new Error(
        `audit.buffer.capacity must be a positive integer, got ${capacity}`,
      );
    }
    const durableTimeoutMs =
      options.durableTimeoutMs ?? DEFAULT_AUDIT_DURABLE_TIMEOUT_SECONDS * 1000;
    if (!(durableTimeoutMs > 0)) {
      throw new Error(
        `audit.buffer.durableTimeoutSeconds must be positive, got ${
          durableTimeoutMs / 1000
        }`,
      );
    }
    this.capacity = capacity;
    this.#low = new Ring(capacity);
    this.#logger = options.logger;
    this.#dropWarningIntervalMs = options.dropWarningIntervalMs ?? 30_000;
    this.#durableTimeoutMs = durableTimeoutMs;
    this.#now = options.now ?? Date.now;
  }

  enqueue(record: AuditRecord): void {
    const entry = { record, seq: this.#seq++ };
    this.#seqOf.set(record, entry.seq);
    if (isDurableAuditRecord(record)) {
      this.#durable.push(entry);
    } else {
      if (this.#low.full) {
        this.#low.popFront();
        this.#countDrops(1);
      }
      this.#low.pushBack(entry);
    }
    const size = this.size();
    for (const { threshold, listener } of this.#thresholdListeners) {
      if (size === threshold) {
        listener();
      }
    }
  }

  enqueueDurable(record: AuditRecord): Promise<void> {
    if (!isDurableAuditRecord(record)) {
      this.enqueue(record);
      return Promise.resolve();
    }
    if (
      this.#writers > 0 &&
      record.outcome === 'initiated' &&
      this.#durableLength() >= this.capacity
    ) {
      // Refusing a new action is the only way to keep its record without dropping another one.
      return Promise.reject(
        new ServiceUnavailableError(
          `The audit log is not keeping up (${this.#durableLength()} records of sensitive actions wait to be stored); ${
            record.plugin
          }.${record.eventId} is refused until they are stored`,
        ),
      );
    }
    this.enqueue(record);
    if (this.#writers === 0) {
      return Promise.resolve();
    }
    const stored = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(record);
        reject(
          new ServiceUnavailableError(
            `The audit record of ${record.plugin}.${
              record.eventId
            } could not be stored within ${this.#durableTimeoutMs / 1000} s (${
              this.#lastError ?? 'the audit store is not answering'
            }); it stays queued and is stored when the store is back`,
          ),
        );
      }, this.#durableTimeoutMs);
      timer.unref?.();
      this.#waiters.set(record, { resolve, reject, timer });
    });
    for (const listener of this.#urgentListeners) {
      listener();
    }
    return stored;
  }

  markWritten(records: AuditRecord[]): void {
    for (const record of records) {
      const waiter = this.#waiters.get(record);
      if (waiter) {
        clearTimeout(waiter.timer);
        this.#waiters.delete(record);
        waiter.resolve();
      }
    }
  }

  attachWriter(): () => void {
    this.#writers += 1;
    let attached = true;
    return () => {
      if (attached) {
        attached = false;
        this.#writers -= 1;
      }
    };
  }

  onUrgent(listener: () => void): () => void {
    this.#urgentListeners.add(listener);
    return () => {
      this.#urgentListeners.delete(listener);
    };
  }

  drain(max: number): AuditRecord[] {
    const count = Math.min(Math.max(0, Math.floor(max)), this.size());
    const records: AuditRecord[] = new Array(count);
    for (let i = 0; i < count; i++) {
      const low = this.#low.peek();
      const durable = this.#durable[this.#durableHead];
      if (durable && (!low || durable.seq < low.seq)) {
        this.#durable[this.#durableHead] = undefined as unknown as Entry;
        this.#durableHead += 1;
        records[i] = durable.record;
      } else {
        records[i] = this.#low.popFront()!.record;
      }
    }
    this.#compactDurable();
    return records;
  }

  requeueFront(records: AuditRecord[]): void {
    // The requeued events are older than everything waiting. Sensitive ones always go back;
    // low ones that do not fit are the oldest low events, so the first of them are dropped.
    const low = records.filter(r => !isDurableAuditRecord(r));
    const durable = records.filter(r => isDurableAuditRecord(r));
    const entry = (record: AuditRecord) => ({
      record,
      seq: this.#seqOf.get(record) ?? Number.NEGATIVE_INFINITY,
    });
    this.#compactDurable(true);
    this.#durable.unshift(...durable.map(entry));

    const free = this.capacity - this.#low.length;
    const dropCount = Math.max(0, low.length - free);
    if (dropCount > 0) {
      this.#countDrops(dropCount);
    }
    for (let i = low.length - 1; i >= dropCount; i--) {
      this.#low.pushFront(entry(low[i]));
    }
  }

  size(): number {
    return this.#low.length + this.#durableLength();
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
      buffered: this.size(),
      capacity: this.capacity,
      dropped: this.#dropped,
      written: this.#written,
      ...(this.#lastWriteAt ? { lastWriteAt: this.#lastWriteAt } : {}),
      ...(this.#lastError ? { lastError: this.#lastError } : {}),
    };
  }

  #durableLength(): number {
    return this.#durable.length - this.#durableHead;
  }

  /** Drops the drained prefix of the sensitive lane (now and then, or before an unshift). */
  #compactDurable(force = false) {
    if (
      this.#durableHead > 0 &&
      (force || this.#durableHead * 2 >= this.#durable.length)
    ) {
      this.#durable.splice(0, this.#durableHead);
      this.#durableHead = 0;
    }
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
        } oldest waiting low-severity audit event(s) since the last warning, ${
          this.#dropped
        } since start (events of sensitive actions are never dropped). The audit store is not keeping up or is unreachable.`,
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
