import type { ProvisioningRun } from '@internal/plugin-provisioning-common';
import type { Knex } from 'knex';
import { RUN_TRANSITIONS } from '../lifecycle/runLifecycle';
import { toRun, type OutboxRow, type RunRow } from './rows';
import { isPostgres, OUTBOX, RUNS } from './tables';

/** An outbox row claimed for delivery, with its run. */
export interface ClaimedDelivery {
  outboxId: string;
  idempotencyKey: string;
  attempts: number;
  claimedBy: string;
  run: ProvisioningRun;
}

/** The outbox (`provisioning_outbox`) as the dispatcher works it off. */
export interface OutboxStore {
  /**
   * Claims up to `limit` due outbox rows for `claimedBy` until `now + leaseMs`; concurrent
   * replicas never claim the same row, and a row whose lease ran out (its claimer died) is due
   * again.
   */
  claimDue(options: {
    claimedBy: string;
    limit: number;
    leaseMs: number;
    now?: Date;
  }): Promise<ClaimedDelivery[]>;
  /** The webhook accepted the run: the outbox row is done, the run is with the workflow. */
  markDelivered(delivery: ClaimedDelivery, now?: Date): Promise<void>;
  /** The attempt failed but may be retried at `nextAttemptAt`. */
  markRetry(
    delivery: ClaimedDelivery,
    error: string,
    nextAttemptAt: Date,
  ): Promise<void>;
  /** Hands a claimed row back at once (graceful shutdown before it was attempted). */
  release(delivery: ClaimedDelivery): Promise<void>;
  /** Delivery failed for good: the run fails with `reason`, its tokens stop working. */
  markGivenUp(
    delivery: ClaimedDelivery,
    error: string,
    reason: string,
    now?: Date,
  ): Promise<void>;
  /** Outbox rows not yet delivered nor given up (for health and tests). */
  pendingDeliveries(): Promise<number>;
}

export class KnexOutboxStore implements OutboxStore {
  constructor(private readonly db: Knex) {}

  /** On PostgreSQL the rows are picked with `FOR UPDATE SKIP LOCKED`. */
  async claimDue(options: {
    claimedBy: string;
    limit: number;
    leaseMs: number;
    now?: Date;
  }): Promise<ClaimedDelivery[]> {
    const now = options.now ?? new Date();
    const due = this.db(OUTBOX)
      .select('id')
      .whereNull('delivered_at')
      .whereNull('given_up_at')
      .where('next_attempt_at', '<=', now)
      .where(q => q.whereNull('locked_until').orWhere('locked_until', '<', now))
      .orderBy('next_attempt_at')
      .limit(options.limit);
    if (isPostgres(this.db)) {
      due.forUpdate().skipLocked();
    }
    const claimed: OutboxRow[] = await this.db(OUTBOX)
      .whereIn('id', due)
      .update({
        locked_until: new Date(now.getTime() + options.leaseMs),
        claimed_by: options.claimedBy,
        attempts: this.db.raw('attempts + 1'),
      })
      .returning('*');
    if (claimed.length === 0) return [];
    const runs = await this.db<RunRow>(RUNS).whereIn(
      'id',
      claimed.map(c => c.run_id),
    );
    const byId = new Map(runs.map(r => [r.id, r]));
    return claimed.flatMap(c => {
      const run = byId.get(c.run_id);
      return run
        ? [
            {
              outboxId: String(c.id),
              idempotencyKey: c.idempotency_key,
              attempts: c.attempts,
              claimedBy: options.claimedBy,
              run: toRun(run, c),
            },
          ]
        : [];
    });
  }

  async markDelivered(
    delivery: ClaimedDelivery,
    now = new Date(),
  ): Promise<void> {
    const { from, to } = RUN_TRANSITIONS.delivered;
    await this.db.transaction(async trx => {
      await trx(OUTBOX)
        .where({ id: delivery.outboxId })
        .whereNull('delivered_at')
        .update({ delivered_at: now, locked_until: null, last_error: null });
      await trx(RUNS)
        .where({ id: delivery.run.id })
        .whereIn('status', [...from])
        .update({ status: to, updated_at: now });
    });
  }

  async markRetry(
    delivery: ClaimedDelivery,
    error: string,
    nextAttemptAt: Date,
  ): Promise<void> {
    await this.db(OUTBOX)
      .where({ id: delivery.outboxId, claimed_by: delivery.claimedBy })
      .whereNull('delivered_at')
      .update({
        last_error: error,
        next_attempt_at: nextAttemptAt,
        locked_until: null,
      });
  }

  async release(delivery: ClaimedDelivery): Promise<void> {
    await this.db(OUTBOX)
      .where({ id: delivery.outboxId, claimed_by: delivery.claimedBy })
      .whereNull('delivered_at')
      .update({
        locked_until: null,
        attempts: this.db.raw(
          'CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END',
        ),
      });
  }

  async markGivenUp(
    delivery: ClaimedDelivery,
    error: string,
    reason: string,
    now = new Date(),
  ): Promise<void> {
    const { from, to } = RUN_TRANSITIONS.givenUp;
    await this.db.transaction(async trx => {
      const updated = await trx(OUTBOX)
        .where({ id: delivery.outboxId })
        .whereNull('delivered_at')
        .update({
          given_up_at: now,
          last_error: error,
          locked_until: null,
        });
      if (updated === 0) return;
      await trx(RUNS)
        .where({ id: delivery.run.id })
        .whereIn('status', [...from])
        .update({
          status: to,
          failure_reason: reason,
          callback_token_expires_at: now,
          updated_at: now,
        });
    });
  }

  async pendingDeliveries(): Promise<number> {
    const [{ count }] = await this.db(OUTBOX)
      .whereNull('delivered_at')
      .whereNull('given_up_at')
      .count({ count: '*' });
    return Number(count);
  }
}
