import type {
  ProvisioningRun,
  ProvisioningRunDetail,
  RunListPage,
  RunStatus,
} from '@internal/plugin-provisioning-common';
import { ACTIVE_RUN_STATUSES } from '@internal/plugin-provisioning-common';
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { decodeCursor, encodeCursor } from './cursor';
import {
  toEvent,
  toRun,
  type EventRow,
  type OutboxRow,
  type RunRow,
} from './rows';
import { EVENTS, OUTBOX, RUNS } from './tables';

/** A new run, as the trigger records it. */
export interface NewRun {
  template: string;
  entityRef: string;
  owner?: string;
  userRef: string;
  parameters: Record<string, unknown>;
}

/** Filters of the run list. */
export interface RunFilter {
  entityRef?: string;
  owner?: string;
  status?: RunStatus;
}

/** A page of the run list: its size, and the cursor of the page before. */
export interface RunPage {
  limit: number;
  cursor?: string;
}

/** The runs (`provisioning_runs`) as the trigger writes them and the API reads them. */
export interface RunStore {
  /** Records a run and its outbox entry in one transaction. */
  createRun(run: NewRun, now?: Date): Promise<ProvisioningRun>;
  /** Newest first, keyset-paginated. */
  listRuns(filter: RunFilter, page: RunPage): Promise<RunListPage>;
  /** A run with its timeline. */
  getRun(id: string): Promise<ProvisioningRunDetail | undefined>;
  /** Runs of `userRef` not yet ended (queued, delivering or running). */
  activeRunsOf(userRef: string): Promise<number>;
}

export class KnexRunStore implements RunStore {
  constructor(private readonly db: Knex) {}

  async createRun(run: NewRun, now = new Date()): Promise<ProvisioningRun> {
    const id = randomUUID();
    const runRow: RunRow = {
      id,
      template: run.template,
      entity_ref: run.entityRef,
      owner: run.owner ?? null,
      user_ref: run.userRef,
      parameters: JSON.stringify(run.parameters),
      status: 'queued',
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
    return toRun(runRow, {
      ...outboxRow,
      id: '',
      locked_until: null,
      claimed_by: null,
      delivered_at: null,
      given_up_at: null,
      last_error: null,
    });
  }

  async listRuns(filter: RunFilter, page: RunPage): Promise<RunListPage> {
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

  async getRun(id: string): Promise<ProvisioningRunDetail | undefined> {
    const run = await this.db<RunRow>(RUNS).where({ id }).first();
    if (!run) return undefined;
    const [outbox, events] = await Promise.all([
      this.outboxOf([id]),
      this.db<EventRow>(EVENTS).where({ run_id: id }).orderBy('seq'),
    ]);
    return { ...toRun(run, outbox.get(id)), events: events.map(toEvent) };
  }

  async activeRunsOf(userRef: string): Promise<number> {
    const [{ count }] = await this.db(RUNS)
      .where({ user_ref: userRef })
      .whereIn('status', ACTIVE_RUN_STATUSES)
      .count({ count: '*' });
    return Number(count);
  }

  private async outboxOf(runIds: string[]): Promise<Map<string, OutboxRow>> {
    if (runIds.length === 0) return new Map();
    const rows = await this.db<OutboxRow>(OUTBOX).whereIn('run_id', runIds);
    return new Map(rows.map(r => [r.run_id, r]));
  }
}
