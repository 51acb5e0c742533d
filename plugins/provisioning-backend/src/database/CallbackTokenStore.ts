import type { Knex } from 'knex';
import {
  callbackTokenState,
  RUN_TRANSITIONS,
  TOKEN_ISSUABLE_STATUSES,
} from '../lifecycle/runLifecycle';
import { toDate, type RunRow } from './rows';
import { isPostgres, RUNS, TOKENS } from './tables';

/** The run's answer to a presented callback token, given the stored hashes. */
export type TokenCheck = (hashes: string[]) => boolean;

/** What a presented callback token is worth. `ended`: a valid token of a run that has ended. */
export type TokenVerdict = 'valid' | 'ended' | 'expired' | 'unauthorized';

/**
 * The callback tokens (`provisioning_run_tokens`, only their hashes) and their lifetime on the
 * run: issued per delivery attempt, checked on every callback, their Secrets swept once they
 * stopped working.
 */
export interface CallbackTokenStore {
  /**
   * Stores the hashes of the tokens minted for a batch of delivery attempts (one per run),
   * revoking every earlier token of those runs (a new attempt replaces the token the workflow
   * reads), (re)starts the tokens' lifetime, and shows the runs as being delivered. One
   * transaction.
   */
  prepareAttempts(options: {
    attempts: Array<{ runId: string; tokenHash: string }>;
    expiresAt: Date;
    now?: Date;
  }): Promise<void>;
  /**
   * What a presented callback token is worth, without writing anything (the callback is refused
   * before any write when the answer is `unauthorized` or `expired`).
   */
  checkToken(
    runId: string,
    checkToken: TokenCheck,
    now?: Date,
  ): Promise<TokenVerdict>;
  /**
   * Runs whose callback token no longer works (the run ended, was given up, or the token
   * expired) and whose token Secret may still exist: the sweep deletes those Secrets.
   */
  runsWithStaleTokenSecrets(limit: number, now?: Date): Promise<string[]>;
  /** The token Secrets of these runs are gone. */
  markTokenSecretsRemoved(runIds: string[], now?: Date): Promise<void>;
}

/**
 * Checks a presented token against the run's stored hashes: the run (locked for the caller's
 * transaction with `lock`, on PostgreSQL) and the verdict. An unknown run and a wrong token answer
 * alike, and the check runs either way.
 */
export async function verifyCallbackToken(
  db: Knex | Knex.Transaction,
  runId: string,
  checkToken: TokenCheck,
  now: Date,
  options: { lock?: boolean } = {},
): Promise<
  | { verdict: 'unauthorized'; run?: undefined }
  | { verdict: Exclude<TokenVerdict, 'unauthorized'>; run: RunRow }
> {
  const query = db<RunRow>(RUNS).where({ id: runId });
  if (options.lock && isPostgres(db)) query.forUpdate();
  const run = await query.first();
  const hashes = run
    ? (await db(TOKENS).where({ run_id: runId }).select('token_hash')).map(
        r => r.token_hash as string,
      )
    : [];
  if (!checkToken(hashes) || !run) return { verdict: 'unauthorized' };
  const verdict = callbackTokenState(
    {
      status: run.status,
      tokenExpiresAt: run.callback_token_expires_at
        ? toDate(run.callback_token_expires_at)
        : undefined,
    },
    now,
  );
  return { verdict, run };
}

export class KnexCallbackTokenStore implements CallbackTokenStore {
  constructor(private readonly db: Knex) {}

  async prepareAttempts(options: {
    attempts: Array<{ runId: string; tokenHash: string }>;
    expiresAt: Date;
    now?: Date;
  }): Promise<void> {
    if (options.attempts.length === 0) return;
    const now = options.now ?? new Date();
    const runIds = options.attempts.map(a => a.runId);
    const { from, to } = RUN_TRANSITIONS.attemptPrepared;
    await this.db.transaction(async trx => {
      await trx(TOKENS).whereIn('run_id', runIds).delete();
      await trx(TOKENS).insert(
        options.attempts.map(a => ({
          run_id: a.runId,
          token_hash: a.tokenHash,
          created_at: now,
        })),
      );
      await trx(RUNS)
        .whereIn('id', runIds)
        .whereIn('status', [...TOKEN_ISSUABLE_STATUSES])
        .update({
          callback_token_expires_at: options.expiresAt,
          callback_secret_removed_at: null,
          status: trx.raw(
            `CASE WHEN status IN (${from
              .map(() => '?')
              .join(', ')}) THEN ? ELSE status END`,
            [...from, to],
          ),
          updated_at: now,
        });
    });
  }

  async checkToken(
    runId: string,
    checkToken: TokenCheck,
    now = new Date(),
  ): Promise<TokenVerdict> {
    return (await verifyCallbackToken(this.db, runId, checkToken, now)).verdict;
  }

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

  async markTokenSecretsRemoved(
    runIds: string[],
    now = new Date(),
  ): Promise<void> {
    if (runIds.length === 0) return;
    await this.db(RUNS)
      .whereIn('id', runIds)
      .update({ callback_secret_removed_at: now });
  }
}
