import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  AuditDropReport,
  AuditEventQueue,
  AuditRecord,
} from '@internal/plugin-audit-node';
import { randomUUID } from 'node:crypto';
import type { AuditStore } from '../database/AuditStore';

/** Timing and size of the writer; the defaults suit production. */
export interface AuditWriterOptions {
  queue: AuditEventQueue;
  store: Pick<AuditStore, 'appendEvents'>;
  logger: LoggerService;
  /** Events per transaction (default 500); a full batch is written at once. */
  batchSize?: number;
  /** How often a partial batch is written (default 200 ms). */
  intervalMs?: number;
  /** First wait after a failed write (default 500 ms), doubled per failure... */
  initialBackoffMs?: number;
  /** ...up to this (default 30 s). */
  maxBackoffMs?: number;
  /** At most one error log line per this interval while writes keep failing (default 30 s). */
  errorLogIntervalMs?: number;
}

/**
 * SQLSTATE classes of errors that come from one event's content rather than from the database
 * being unreachable: 22 data exception, 54 program limit exceeded. Such a batch is written
 * event by event so one bad event cannot block the log.
 */
function isContentError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && /^(22|54)/.test(code);
}

/** A write that failed after its first `written` events were stored. */
class PartialWriteError extends Error {
  constructor(readonly written: number, readonly reason: unknown) {
    super(messageOf(reason));
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function droppedEventsRecord(
  report: AuditDropReport,
  capacity: number,
): AuditRecord {
  return {
    time: new Date().toISOString(),
    plugin: 'audit',
    eventId: 'events-dropped',
    severity: 'high',
    outcome: 'failed',
    actorId: 'plugin:audit',
    actorType: 'service',
    requestId: randomUUID(),
    meta: {
      count: report.count,
      firstDroppedAt: report.firstAt,
      lastDroppedAt: report.lastAt,
      capacity,
    },
    error: `${report.count} audit event(s) were dropped because the audit buffer was full`,
  };
}

/**
 * Moves audit events from the queue into the store: every `intervalMs`, or at once when a full
 * batch is waiting, one transaction per batch. A failed write (PostgreSQL down or restarting)
 * puts the batch back at the front of the queue and retries with exponential backoff, so no
 * event is lost unless the buffer overflows; nothing is ever thrown at the plugins.
 */
export class AuditWriter {
  readonly #queue: AuditEventQueue;
  readonly #store: Pick<AuditStore, 'appendEvents'>;
  readonly #logger: LoggerService;
  readonly #batchSize: number;
  readonly #intervalMs: number;
  readonly #initialBackoffMs: number;
  readonly #maxBackoffMs: number;
  readonly #errorLogIntervalMs: number;

  #timer: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;
  #unsubscribeUrgent: (() => void) | undefined;
  #detach: (() => void) | undefined;
  /** An event of a sensitive action arrived while a write was in flight: write again at once. */
  #urgent = false;
  #running = false;
  #inFlight: Promise<void> | undefined;
  #backoffMs = 0;
  #failures = 0;
  #lastErrorLogAt = Number.NEGATIVE_INFINITY;

  constructor(options: AuditWriterOptions) {
    this.#queue = options.queue;
    this.#store = options.store;
    this.#logger = options.logger;
    this.#batchSize = options.batchSize ?? 500;
    this.#intervalMs = options.intervalMs ?? 200;
    this.#initialBackoffMs = options.initialBackoffMs ?? 500;
    this.#maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.#errorLogIntervalMs = options.errorLogIntervalMs ?? 30_000;
  }

  start(): void {
    if (this.#running) {
      return;
    }
    this.#running = true;
    this.#detach = this.#queue.attachWriter();
    this.#unsubscribe = this.#queue.onThreshold(this.#batchSize, () => {
      if (this.#backoffMs === 0 && !this.#inFlight) {
        this.#schedule(0);
      }
    });
    // A sensitive action waits for its record: write it now rather than at the next interval.
    this.#unsubscribeUrgent = this.#queue.onUrgent(() => {
      if (this.#backoffMs !== 0) {
        return;
      }
      if (this.#inFlight) {
        this.#urgent = true;
      } else {
        this.#schedule(0);
      }
    });
    this.#schedule(this.#intervalMs);
  }

  /**
   * Stops the timer and writes what it can within `timeoutMs`; events still waiting after that
   * are logged as lost.
   */
  async stop(options: { timeoutMs?: number } = {}): Promise<void> {
    const deadline = Date.now() + (options.timeoutMs ?? 5000);
    this.#running = false;
    this.#unsubscribe?.();
    this.#unsubscribeUrgent?.();
    clearTimeout(this.#timer);
    await this.#inFlight;
    while (this.#queue.size() > 0 && Date.now() < deadline) {
      const ok = await this.#writeBatch();
      if (!ok) {
        await new Promise(resolve =>
          setTimeout(
            resolve,
            Math.min(250, Math.max(0, deadline - Date.now())),
          ),
        );
      }
    }
    this.#detach?.();
    const left = this.#queue.size();
    if (left > 0) {
      this.#logger.error(
        `Audit writer stopped with ${left} audit event(s) not written: ${
          this.#queue.status().lastError ?? 'out of time'
        }`,
      );
    }
  }

  /** Writes until the queue is empty or a write fails; resolves `false` on failure. */
  async flush(): Promise<boolean> {
    await this.#inFlight;
    while (this.#queue.size() > 0 || this.#hasDropReport()) {
      if (!(await this.#writeBatch())) {
        return false;
      }
    }
    return true;
  }

  #hasDropReport(): boolean {
    const report = this.#queue.takeDropReport();
    if (report) {
      this.#queue.restoreDropReport(report);
    }
    return report !== undefined;
  }

  #schedule(delayMs: number) {
    clearTimeout(this.#timer);
    if (!this.#running) {
      return;
    }
    this.#timer = setTimeout(() => {
      this.#inFlight = this.#tick().finally(() => {
        this.#inFlight = undefined;
      });
    }, delayMs);
    this.#timer.unref?.();
  }

  async #tick(): Promise<void> {
    let ok = true;
    // Full batches go out back to back; a partial one waits for the next tick.
    do {
      ok = await this.#writeBatch();
    } while (ok && this.#running && this.#queue.size() >= this.#batchSize);

    if (ok) {
      this.#backoffMs = 0;
    } else {
      this.#backoffMs = Math.min(
        this.#maxBackoffMs,
        this.#backoffMs === 0 ? this.#initialBackoffMs : this.#backoffMs * 2,
      );
    }
    const jitter = this.#backoffMs * 0.2 * Math.random();
    const urgent = this.#urgent && this.#backoffMs === 0;
    this.#urgent = false;
    this.#schedule(
      // eslint-disable-next-line no-nested-ternary
      urgent ? 0 : this.#backoffMs === 0 ? this.#intervalMs : this.#backoffMs + jitter,
    );
  }

  /** One batch (plus the dropped-events record, if any); `false` when the write failed. */
  async #writeBatch(): Promise<boolean> {
    const batch = this.#queue.drain(this.#batchSize);
    const drops = this.#queue.takeDropReport();
    const records = drops
      ? [droppedEventsRecord(drops, this.#queue.capacity), ...batch]
      : batch;
    if (records.length === 0) {
      return true;
    }
    try {
      try {
        await this.#store.appendEvents(records);
      } catch (error) {
        if (!isContentError(error)) {
          throw error;
        }
        await this.#writeOneByOne(records, error);
      }
      this.#queue.recordWritten(records.length);
      this.#queue.markWritten(records);
      if (this.#failures > 0) {
        this.#logger.info(
          `Audit writer recovered after ${
            this.#failures
          } failed attempt(s); writing again`,
        );
      }
      this.#failures = 0;
      return true;
    } catch (error) {
      const written = error instanceof PartialWriteError ? error.written : 0;
      const dropRecordLost = drops !== undefined && written === 0;
      this.#queue.requeueFront(
        records.slice(written + (dropRecordLost ? 1 : 0)),
      );
      if (dropRecordLost) {
        this.#queue.restoreDropReport(drops);
      }
      if (written > 0) {
        this.#queue.recordWritten(written);
        this.#queue.markWritten(records.slice(0, written));
      }
      this.#queue.recordWriteError(error);
      this.#failures += 1;
      const now = Date.now();
      if (now - this.#lastErrorLogAt >= this.#errorLogIntervalMs) {
        this.#lastErrorLogAt = now;
        this.#logger.warn(
          `Audit events could not be written (attempt ${
            this.#failures
          }), ${this.#queue.size()} waiting, retrying: ${messageOf(error)}`,
        );
      }
      return false;
    }
  }

  /**
   * A batch the database refused for its content: each event alone; one that is still refused
   * is stored without its metadata, so that the log keeps a trace of it.
   */
  async #writeOneByOne(records: AuditRecord[], cause: unknown): Promise<void> {
    this.#logger.warn(
      `An audit batch was refused for its content, writing its events one by one: ${messageOf(
        cause,
      )}`,
    );
    let written = 0;
    try {
      for (const record of records) {
        try {
          await this.#store.appendEvents([record]);
        } catch (error) {
          if (!isContentError(error)) {
            throw error;
          }
          await this.#store.appendEvents([
            {
              ...record,
              userAgent: undefined,
              requestUrl: undefined,
              meta: { unstorable: messageOf(error).slice(0, 500) },
              error: record.error?.slice(0, 500),
            },
          ]);
        }
        written += 1;
      }
    } catch (error) {
      throw new PartialWriteError(written, error);
    }
  }
}
