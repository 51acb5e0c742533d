import type {
  RunEventRequest,
  RunResource,
  RunStatus,
} from '@internal/plugin-provisioning-common';
import { isFinalRunStatus } from '@internal/plugin-provisioning-common';
import type { Knex } from 'knex';
import { nextRunStatus, stepFailureReason } from '../lifecycle/runLifecycle';
import { verifyCallbackToken, type TokenCheck } from './CallbackTokenStore';
import type { EventRow } from './rows';
import { EVENTS, OUTBOX, RUNS } from './tables';

/** A workflow report, as validated from the callback's body. */
export type RunReport = Required<Omit<RunEventRequest, 'message'>> & {
  message?: string;
};

/** What happened to a progress report. */
export type AppendEventResult =
  | { result: 'recorded'; status: RunStatus; seq: number }
  | { result: 'unauthorized' }
  | { result: 'expired' }
  | { result: 'ended'; status: RunStatus }
  | { result: 'replay'; seq: number };

/** The runs' timelines (`provisioning_run_events`), as the workflow's callbacks write them. */
export interface RunEventStore {
  /**
   * Appends a progress report, if `checkToken` accepts the run's stored token hashes, and moves
   * the run on; concurrent reports get consecutive sequence numbers and a report racing the
   * run's end is refused.
   */
  appendEvent(
    runId: string,
    checkToken: TokenCheck,
    event: RunReport,
    now?: Date,
  ): Promise<AppendEventResult>;
}

export class KnexRunEventStore implements RunEventStore {
  constructor(private readonly db: Knex) {}

  /** The run row is locked for the transaction (on PostgreSQL). */
  async appendEvent(
    runId: string,
    checkToken: TokenCheck,
    event: RunReport,
    now = new Date(),
  ): Promise<AppendEventResult> {
    return this.db.transaction(async trx => {
      const checked = await verifyCallbackToken(trx, runId, checkToken, now, {
        lock: true,
      });
      if (checked.verdict === 'unauthorized') return { result: 'unauthorized' };
      const { run } = checked;
      if (checked.verdict === 'ended') {
        return { result: 'ended', status: run.status };
      }
      if (checked.verdict === 'expired') return { result: 'expired' };
      const previous = await trx<EventRow>(EVENTS)
        .where({ run_id: runId, event_id: event.eventId })
        .first();
      if (previous) {
        return { result: 'replay', seq: previous.seq };
      }
      const seq = run.last_event_seq + 1;
      const status = nextRunStatus(event.status, event.final);
      const ends = isFinalRunStatus(status);
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
            ? { failure_reason: stepFailureReason(event.step, event.message) }
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
}
