import type { LoggerService } from '@backstage/backend-plugin-api';
import type { AuditEventQueue } from '@internal/plugin-audit-node';
import { randomUUID } from 'node:crypto';
import type { AuditStore } from '../database/AuditStore';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes audit events older than `audit.retention.days`, in batches. First it records a chain
 * checkpoint at the first kept event (its `prev_hash` becomes the anchor), then deletes the
 * events before it, so `/verify` keeps passing; a run interrupted half-way is finished by the
 * next. Each run that deletes anything is itself recorded as an `audit.retention` event.
 */
export class AuditRetention {
  readonly #store: Pick<
    AuditStore,
    | 'cutChainBefore'
    | 'deleteEventsBefore'
    | 'deleteHoursBefore'
    | 'addDeletedCount'
  >;
  readonly #queue: AuditEventQueue | undefined;
  readonly #logger: LoggerService;
  readonly #retentionDays: number;
  readonly #batchSize: number;

  constructor(options: {
    store: Pick<
      AuditStore,
      | 'cutChainBefore'
      | 'deleteEventsBefore'
      | 'deleteHoursBefore'
      | 'addDeletedCount'
    >;
    queue?: AuditEventQueue;
    logger: LoggerService;
    retentionDays: number;
    batchSize?: number;
  }) {
    if (!(options.retentionDays > 0)) {
      throw new Error(
        `audit.retention.days must be a positive number, got ${options.retentionDays}`,
      );
    }
    this.#store = options.store;
    this.#queue = options.queue;
    this.#logger = options.logger;
    this.#retentionDays = options.retentionDays;
    this.#batchSize = options.batchSize ?? 10_000;
  }

  async run(
    now: Date = new Date(),
  ): Promise<{ deleted: number; firstKeptId?: string }> {
    const cutoff = new Date(now.getTime() - this.#retentionDays * DAY_MS);
    const cut = await this.#store.cutChainBefore(cutoff);
    if (!cut) {
      return { deleted: 0 };
    }
    let deleted = 0;
    for (;;) {
      const count = await this.#store.deleteEventsBefore(
        cut.firstKeptId,
        this.#batchSize,
      );
      deleted += count;
      if (count < this.#batchSize) {
        break;
      }
    }
    await this.#store.deleteHoursBefore(cut.firstKeptId);
    if (deleted > 0) {
      await this.#store.addDeletedCount(cut.checkpointId, deleted);
      this.#logger.info(
        `Audit retention deleted ${deleted} event(s) older than ${cutoff.toISOString()}; the chain now starts at event ${
          cut.firstKeptId
        }`,
      );
      this.#queue?.enqueue({
        time: now.toISOString(),
        plugin: 'audit',
        eventId: 'retention',
        severity: 'medium',
        outcome: 'succeeded',
        actorId: 'plugin:audit',
        actorType: 'service',
        requestId: randomUUID(),
        meta: {
          deleted,
          cutoff: cutoff.toISOString(),
          retentionDays: this.#retentionDays,
          firstKeptId: cut.firstKeptId,
        },
      });
    }
    return { deleted, firstKeptId: cut.firstKeptId };
  }
}
