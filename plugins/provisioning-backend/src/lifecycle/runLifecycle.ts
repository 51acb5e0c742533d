import {
  ACTIVE_RUN_STATUSES,
  isFinalRunStatus,
  type RunStatus,
  type StepStatus,
} from '@internal/plugin-provisioning-common';

/** One move the portal makes: the statuses it applies to, and the status it leaves the run in. */
export interface RunTransition {
  from: ReadonlyArray<RunStatus>;
  to: RunStatus;
}

/**
 * The run state machine. The portal moves a run through `queued` and `delivering`; the
 * workflow's reports ({@link nextRunStatus}, accepted while the run's token works: see
 * {@link callbackTokenState}) move it on to an end (`FINAL_RUN_STATUSES`), after
 * which nothing moves it. The stores write these moves as guarded updates (`WHERE status IN
 * from`), so a move that lost a race (a report came before the webhook's answer was recorded)
 * changes nothing.
 */
export const RUN_TRANSITIONS = {
  /** A delivery attempt got its callback token: a queued run is being delivered. */
  attemptPrepared: { from: ['queued'], to: 'delivering' },
  /** The webhook accepted the run: it is with the workflow. */
  delivered: { from: ['queued', 'delivering'], to: 'running' },
  /** Delivery failed for good: the run fails (its token stops working). */
  givenUp: { from: ['queued', 'delivering'], to: 'failed' },
} as const satisfies Record<string, RunTransition>;

/**
 * Runs a new delivery attempt may issue a callback token to (replacing the earlier one): every
 * run that has not ended.
 */
export const TOKEN_ISSUABLE_STATUSES: ReadonlyArray<RunStatus> =
  ACTIVE_RUN_STATUSES;

/** The run status after a report: a failed step or a final report ends the run. */
export function nextRunStatus(step: StepStatus, final: boolean): RunStatus {
  if (step === 'failed') return 'failed';
  if (final && step === 'succeeded') return 'succeeded';
  return 'running';
}

/** The failure reason of a run ended by a failed step. */
export function stepFailureReason(step: string, message?: string): string {
  return `Step ${step} failed${message ? `: ${message}` : ''}`;
}

/** What a matching callback token is worth, given its run. */
export type CallbackTokenState = 'valid' | 'ended' | 'expired';

/**
 * A matching callback token works while its run has not ended and its lifetime has not run out
 * (a run's token expires with the run).
 */
export function callbackTokenState(
  run: { status: RunStatus; tokenExpiresAt?: Date },
  now: Date,
): CallbackTokenState {
  if (isFinalRunStatus(run.status)) return 'ended';
  if (!run.tokenExpiresAt || run.tokenExpiresAt.getTime() <= now.getTime()) {
    return 'expired';
  }
  return 'valid';
}
