import type {
  AuditChainVerification,
  AuditEvent,
  AuditEventPage,
  AuditWriterStatus,
} from '@internal/plugin-audit-common';
import type { AuditEventQueue } from '@internal/plugin-audit-node';
import type { AuditQueryFilter, AuditStore } from '../database/AuditStore';

/** What the audit API offers; the router depends on this interface only. */
export interface AuditService {
  /** One page, newest first; `cursor` is the `nextCursor` of the page before. */
  listEvents(
    filter: AuditQueryFilter,
    page: { cursor?: string; limit: number },
  ): Promise<AuditEventPage>;
  getEvent(id: string): Promise<AuditEvent | undefined>;
  /** The matching events, newest first, at most `maxRows`, read in batches. */
  exportEvents(
    filter: AuditQueryFilter,
    options: { maxRows: number },
  ): AsyncIterable<AuditEvent>;
  verifyChain(): Promise<AuditChainVerification>;
  getWriterStatus(): Promise<AuditWriterStatus>;
}

const EXPORT_BATCH = 1000;

/** {@link AuditService} over the {@link AuditStore} and this backend's audit queue. */
export class DefaultAuditService implements AuditService {
  readonly #store: AuditStore;
  readonly #queue: AuditEventQueue;
  #verification: Promise<AuditChainVerification> | undefined;

  constructor(options: { store: AuditStore; queue: AuditEventQueue }) {
    this.#store = options.store;
    this.#queue = options.queue;
  }

  async listEvents(
    filter: AuditQueryFilter,
    page: { cursor?: string; limit: number },
  ): Promise<AuditEventPage> {
    const rows = await this.#store.listEvents(filter, {
      beforeId: page.cursor,
      limit: page.limit + 1,
    });
    const items = rows.slice(0, page.limit);
    return rows.length > page.limit
      ? { items, nextCursor: items[items.length - 1].id }
      : { items };
  }

  getEvent(id: string): Promise<AuditEvent | undefined> {
    return this.#store.getEvent(id);
  }

  async *exportEvents(
    filter: AuditQueryFilter,
    options: { maxRows: number },
  ): AsyncIterable<AuditEvent> {
    let remaining = options.maxRows;
    let beforeId: string | undefined;
    while (remaining > 0) {
      const rows = await this.#store.listEvents(filter, {
        beforeId,
        limit: Math.min(EXPORT_BATCH, remaining),
      });
      for (const row of rows) {
        yield row;
      }
      if (rows.length < Math.min(EXPORT_BATCH, remaining)) {
        return;
      }
      remaining -= rows.length;
      beforeId = rows[rows.length - 1].id;
    }
  }

  /** One verification at a time per backend: concurrent callers share its result. */
  verifyChain(): Promise<AuditChainVerification> {
    if (!this.#verification) {
      this.#verification = this.#store.verifyChain().finally(() => {
        this.#verification = undefined;
      });
    }
    return this.#verification;
  }

  async getWriterStatus(): Promise<AuditWriterStatus> {
    return this.#queue.status();
  }
}
