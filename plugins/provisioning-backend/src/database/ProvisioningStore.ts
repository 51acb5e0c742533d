import {
  resolvePackagePath,
  type DatabaseService,
} from '@backstage/backend-plugin-api';
import type {
  ProvisioningRun,
  ProvisioningRunDetail,
  RunEventRequest,
  RunListPage,
  RunResource,
  RunStatus,
  StepStatus,
} from '@internal/plugin-provisioning-common';
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import {
  toDate,
  toEvent,
  toRun,
  type EventRow,
  type OutboxRow,
  type RunRow,
} from './rows';

const RUNS = 'provisioning_runs';
const EVENTS = 'provisioning_run_events';
const TOKENS = 'provisioning_run_tokens';
const OUTBOX = 'provisioning_outbox';

/** Applies the plugin's knex migrations (`migrations/`). */
export async function applyProvisioningMigrations(knex: Knex): Promise<void> {
  await knex.migrate.latest({
    directory: resolvePackagePath(
      '@internal/plugin-provisioning-backend',
      'migrations',
    ),
  });
}

/** A new run, as the trigger records it. */
export interface NewRun {
  template: string;
  entityRef: string;
  owner?: string;
  userRef: string;
  parameters: Record<string, unknown>;
}

/** An outbox row claimed for delivery, with its run. */
export interface ClaimedDelivery {
  outboxId: string;
  idempotencyKey: string;
  attempts: number;
  claimedBy: string;
  run: ProvisioningRun;
}

/** Filters of the run list. */
export interface RunFilter {
  entityRef?: string;
  owner?: string;
  status?: RunStatus;
}

/** What happened to a progress report. */
export type AppendEventResult =
  | { result: 'recorded'; status: RunStatus; seq: number }
  | { result: 'unauthorized' }
  | { result: 'expired' }
  | { result: 'ended'; status: RunStatus }
  | { result: 'replay'; seq: number };

/** The run's answer to a presented callback token, given the stored hashes. */
export type TokenCheck = (hashes: string[]) => boolean;

function encodeCursor(run: RunRow): string {
  return Buffer.from(
    JSON.stringify([toDate(run.created_at).toISOString(), run.id]),
  ).toString('base64url');
}

/** The position a cursor points after; throws on a malformed cursor. */
export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [createdAt, id] = JSON.parse(
    Buffer.from(cursor, 'base64url').toString('utf8'),
  );
  const date = new Date(createdAt);
  if (typeof id !== 'string' || Number.isNaN(date.getTime())) {
    throw new Error('bad cursor');
  }
  return { createdAt: date, id };
}

/**
 * Every query of the provisioning plugin. Works on PostgreSQL (row locks, SKIP LOCKED) and on
 * SQLite for local development (one writer at a time, so the same statements are safe).
 */
export class ProvisioningStore {
  static async create(database: DatabaseService): Promise<ProvisioningStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) {
      await applyProvisioningMigrations(knex);
    }
    return new ProvisioningStore(knex);
  }

  constructor(private readonly db: Knex) {}

  private get isPostgres(): boolean {
    return /^(pg|postgres)/.test(String(this.db.client.config.client));
  }

  /** Records a run and its outbox entry in one transaction. */
  async createRun(run: NewRun, now = new Date()): Promise<ProvisioningRun> {
    const id = randomUUID();
    const runRow = {
      id,
      template: run.template,
      entity_ref: run.entityRef,
      owner: run.owner ?? null,
      user_ref: run.userRef,
      parameters: JSON.stringify(run.parameters),
      status: 'queued' as const,
      failure_reason: null,
      callback_token_expires_at: null,
      last_event_seq: 0,
      created_at: now,
      updated_at: now,
    };
    const outboxRow = {
      run_id: id,
      idempotency_key: `provisioning-run-${id}`,
      attempts: 0,
      next_attempt_at: now,
      created_at: now,
    };
    await this.db.transaction(async trx => {
      await trx(RUNS).insert(runRow);
      await trx(OUTBOX).insert(outboxRow);
    });
    return toRun(runRow as RunRow, {
      ...outboxRow,
      id: '',
      locked_until: null,
      claimed_by: null,
      delivered_at: null,
      given_up_at: null,
      last_error: null,
    });
  }

  /** Newest first, keyset-paginated. */
  async listRuns(
    filter: RunFilter,
    page: { limit: number; cursor?: string },
  ): Promise<RunListPage> {
    const query = this.db<RunRow>(RUNS)
      .select('*')
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(page.limit + 1);
    if (filter.entityRef) query.where('entity_ref', filter.entityRef);
    if (filter.owner) query.where('owner', filter.owner);
    if (filter.status) query.where('status', filter.status);
    if (page.cursor) {
      const after = decodeCursor(page.cursor);
      query.where(q =>
        q
          .where('created_at', '<', after.createdAt)
          .orWhere(q2 =>
            q2
              .where('created_at', '=', after.createdAt)
              .where('id', '<', after.id),
          ),
      );
    }
    const rows = await query;
    const more = rows.length > page.limit;
    const runs = rows.slice(0, page.limit);
    const outbox = await this.outboxOf(runs.map(r => r.id));
    return {
      items: runs.map(r => toRun(r, outbox.get(r.id))),
      nextCursor: more ? encodeCursor(runs[runs.length - 1]) : undefined,
    };
  }

  private async outboxOf(runIds: string[]): Promise<Map<string, OutboxRow>> {
    if (runIds.length === 0) return new Map();
    const rows = await this.db<OutboxRow>(OUTBOX).whereIn('run_id', runIds);
    return new Map(rows.map(r => [r.run_id, r]));
  }

  async getRun(id: string): Promise<ProvisioningRunDetail | undefined> {
    const run = await this.db<RunRow>(RUNS).where({ id }).first();
    if (!run) return undefined;
    const [outbox, events] = await Promise.all([
      this.outboxOf([id]),
      this.db<EventRow>(EVENTS).where({ run_id: id }).orderBy('seq'),
    ]);
    return { ...toRun(run, outbox.get(id)), events: events.map(toEvent) };
  }

  /**
   * Claims up to `limit` due outbox rows for `claimedBy` until `now + leaseMs`. On PostgreSQL the
   * rows are picked with `FOR UPDATE SKIP LOCKED`, so concurrent replicas never claim the same
   * row; a row whose lease ran out (its claimer died) is due again.
   */
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
    if (this.isPostgres) {
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

  /**
   * Stores the hashes of the tokens minted for a batch of delivery attempts (one per run),
   * revoking every earlier token of those runs (a new attempt replaces the token the workflow
   * reads), (re)starts the tokens' lifetime, and shows the runs as being delivered. One
   * transaction.
   */
  async prepareAttempts(options: {
    attempts: Array<{ runId: string; tokenHash: string }>;
    expiresAt: Date;
    now?: Date;
  }): Promise<void> {
    if (options.attempts.length === 0) return;
    const now = options.now ?? new Date();
    await this.db.transaction(async trx => {
      await trx(TOKENS)
        .whereIn(
          'run_id',
          options.attempts.map(a => a.runId),
        )
        .delete();
      await trx(TOKENS).insert(
        options.attempts.map(a => ({
          run_id: a.runId,
          token_hash: a.tokenHash,
          created_at: now,
        })),
      );
      await trx(RUNS)
        .whereIn(
          'id',
          options.attempts.map(a => a.runId),
        )
        .whereIn('status', ['queued', 'delivering', 'running'])
        .update({
          callback_token_expires_at: options.expiresAt,
          callback_secret_removed_at: null,
          status: trx.raw(
            `CASE WHEN status = 'queued' THEN 'delivering' ELSE status END`,
          ),
          updated_at: now,
        });
    });
  }

  /** {@link ProvisioningStore.prepareAttempts} for one run. */
  async prepareAttempt(options: {
    runId: string;
    tokenHash: string;
    expiresAt: Date;
    now?: Date;
  }): Promise<void> {
    await this.prepareAttempts({
      attempts: [{ runId: options.runId, tokenHash: options.tokenHash }],
      expiresAt: options.expiresAt,
      now: options.now,
    });
  }

  /** The webhook accepted the run: the outbox row is done, the run is with the workflow. */
  async markDelivered(
    delivery: ClaimedDelivery,
    now = new Date(),
  ): Promise<void> {
    await this.db.transaction(async trx => {
      await trx(OUTBOX)
        .where({ id: delivery.outboxId })
        .whereNull('delivered_at')
        .update({ delivered_at: now, locked_until: null, last_error: null });
      await trx(RUNS)
        .where({ id: delivery.run.id })
        .whereIn('status', ['queued', 'delivering'])
        .update({ status: 'running', updated_at: now });
    });
  }

  /** The attempt failed but may be retried at `nextAttemptAt`. */
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

  /** Hands claimed rows back at once (graceful shutdown before they were attempted). */
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

  /** Delivery failed for good: the run fails with `reason`, its tokens stop working. */
  async markGivenUp(
    delivery: ClaimedDelivery,
    error: string,
    reason: string,
    now = new Date(),
  ): Promise<void> {
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
        .whereIn('status', ['queued', 'delivering'])
        .update({
          status: 'failed',
          failure_reason: reason,
          callback_token_expires_at: now,
          updated_at: now,
        });
    });
  }

  /**
   * What a presented callback token is worth, without writing anything (the callback is refused
   * before any write when the answer is `unauthorized` or `expired`). `ended`: a valid token of
   * a run that has ended.
   */
  async checkToken(
    runId: string,
    checkToken: TokenCheck,
    now = new Date(),
  ): Promise<'valid' | 'ended' | 'expired' | 'unauthorized'> {
    const run = await this.db<RunRow>(RUNS)
      .where({ id: runId })
      .first('status', 'callback_token_expires_at');
    const hashes = run
      ? (
          await this.db(TOKENS).where({ run_id: runId }).select('token_hash')
        ).map(r => r.token_hash as string)
      : [];
    // Unknown run and wrong token answer alike (the check runs either way).
    if (!checkToken(hashes) || !run) return 'unauthorized';
    if (run.status === 'succeeded' || run.status === 'failed') return 'ended';
    if (
      !run.callback_token_expires_at ||
      toDate(run.callback_token_expires_at).getTime() <= now.getTime()
    ) {
      return 'expired';
    }
    return 'valid';
  }

  /** Runs of `userRef` not yet ended (queued, delivering or running). */
  async activeRunsOf(userRef: string): Promise<number> {
    const [{ count }] = await this.db(RUNS)
      .where({ user_ref: userRef })
      .whereIn('status', ['queued', 'delivering', 'running'])
      .count({ count: '*' });
    return Number(count);
  }

  /**
   * Runs whose callback token no longer works (the run ended, was given up, or the token
   * expired) and whose token Secret may still exist: the sweep deletes those Secrets.
   */
  async runsWithStaleTokenSecrets(
    limit: number,
    now = new Date(),
  ): Promise<string[]> {
    const rows = await this.db<RunRow>(RUNS)
      .whereNotNull('callback_token_expires_at')
      .where('callback_token_expires_at', '<=', now)
      .whereNull('callback_secret_removed_at')
      .orderBy('callback_token_expires_at')
      .limit(limit)
      .select('id');
    return rows.map(r => r.id);
  }

  /** The token Secrets of these runs are gone. */
  async markTokenSecretsRemoved(runIds: string[], now = new Date()) {
    if (runIds.length === 0) return;
    await this.db(RUNS)
      .whereIn('id', runIds)
      .update({ callback_secret_removed_at: now });
  }

  /**
   * Appends a progress report, if `checkToken` accepts the run's stored token hashes. The run row
   * is locked for the transaction, so concurrent reports get consecutive sequence numbers and a
   * report racing the run's end is refused.
   */
  async appendEvent(
    runId: string,
    checkToken: TokenCheck,
    event: Required<Omit<RunEventRequest, 'message'>> & { message?: string },
    now = new Date(),
  ): Promise<AppendEventResult> {
    return this.db.transaction(async trx => {
      const query = trx<RunRow>(RUNS).where({ id: runId });
      if (this.isPostgres) query.forUpdate();
      const run = await query.first();
      const hashes = run
        ? (await trx(TOKENS).where({ run_id: runId }).select('token_hash')).map(
            r => r.token_hash as string,
          )
        : [];
      // Unknown run and wrong token answer alike (the check runs either way).
      if (!checkToken(hashes) || !run) {
        return { result: 'unauthorized' };
      }
      if (run.status === 'succeeded' || run.status === 'failed') {
        return { result: 'ended', status: run.status };
      }
      if (
        !run.callback_token_expires_at ||
        toDate(run.callback_token_expires_at).getTime() <= now.getTime()
      ) {
        return { result: 'expired' };
      }
      const previous = await trx<EventRow>(EVENTS)
        .where({ run_id: runId, event_id: event.eventId })
        .first();
      if (previous) {
        return { result: 'replay', seq: previous.seq };
      }
      const seq = run.last_event_seq + 1;
      const status = nextRunStatus(event.status, event.final);
      const ends = status === 'succeeded' || status === 'failed';
      await trx(EVENTS).insert({
        run_id: runId,
        seq,
        event_id: event.eventId,
        step: event.step,
        status: event.status,
        message: event.message ?? null,
        resources: JSON.stringify(event.resources as RunResource[]),
        final: event.final,
        received_at: now,
      });
      await trx(RUNS)
        .where({ id: runId })
        .update({
          last_event_seq: seq,
          status,
          updated_at: now,
          ...(status === 'failed'
            ? {
                failure_reason: `Step ${event.step} failed${
                  event.message ? `: ${event.message}` : ''
                }`,
              }
            : {}),
          ...(ends ? { callback_token_expires_at: now } : {}),
        });
      if (ends) {
        // A report means the workflow has the run: nothing left to deliver.
        await trx(OUTBOX)
          .where({ run_id: runId })
          .whereNull('delivered_at')
          .whereNull('given_up_at')
          .update({ delivered_at: now, locked_until: null });
      }
      return { result: 'recorded', status, seq };
    });
  }

  /** Outbox rows not yet delivered nor given up (for health and tests). */
  async pendingDeliveries(): Promise<number> {
    const [{ count }] = await this.db(OUTBOX)
      .whereNull('delivered_at')
      .whereNull('given_up_at')
      .count({ count: '*' });
    return Number(count);
  }
}

/** The run status after a report: a failed step or a final report ends the run. */
export function nextRunStatus(step: StepStatus, final: boolean): RunStatus {
  if (step === 'failed') return 'failed';
  if (final && step === 'succeeded') return 'succeeded';
  return 'running';
}
