import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { AuthenticationError, ConflictError } from '@backstage/errors';
import { inputErrorFromZod } from '@internal/plugin-portico-node';
import {
  isFinalRunStatus,
  runEventRequestSchema,
  type ProvisioningRun,
  type ProvisioningRunDetail,
  type RunListPage,
  type RunStatus,
} from '@internal/plugin-provisioning-common';
import type { CallbackTokenDelivery } from '../callback/CallbackTokenDelivery';
import type { TokenVerdict } from '../database/CallbackTokenStore';
import type { ProvisioningStores } from '../database/ProvisioningStores';
import type { RunFilter, RunPage } from '../database/RunStore';
import { callbackTokenMatches } from '../tokens/callbackToken';
import { TOKEN_EXPIRED, UNKNOWN_RUN_OR_TOKEN } from './errors';
import type { TriggerRules } from './TriggerRules';

/** A report the run took: its place in the timeline and the run's status after it. */
export interface RecordedReport {
  seq: number;
  runStatus: RunStatus;
}

/** What the HTTP API asks of the provisioning plugin. */
export interface ProvisioningService {
  /**
   * Starts a run of `body` (a trigger request) for the caller, if the trigger rules let it
   * (else throws the refusal, nothing written): records the run and its outbox entry (one
   * transaction) and wakes the dispatcher.
   */
  trigger(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    body: unknown,
  ): Promise<ProvisioningRun>;
  listRuns(filter: RunFilter, page: RunPage): Promise<RunListPage>;
  getRun(id: string): Promise<ProvisioningRunDetail | undefined>;
  /** Whether `token` is a valid callback token of the run; reads only. */
  checkToken(runId: string, token: string): Promise<TokenVerdict>;
  /**
   * Records a workflow report (`body`) if `token` is the run's valid callback token; throws
   * InputError (malformed), AuthenticationError (wrong or expired token) or ConflictError (the
   * run has ended, or the event was recorded before).
   */
  report(runId: string, token: string, body: unknown): Promise<RecordedReport>;
}

export interface ProvisioningServiceOptions {
  stores: ProvisioningStores;
  /** Who may start which run. */
  rules: TriggerRules;
  /** Called after each trigger (the dispatcher's nudge). */
  onTrigger?: () => void;
  /** Removes a run's callback token Secret once the run has ended. */
  tokenDelivery?: CallbackTokenDelivery;
  logger?: LoggerService;
}

export class DefaultProvisioningService implements ProvisioningService {
  constructor(private readonly options: ProvisioningServiceOptions) {}

  async trigger(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    body: unknown,
  ): Promise<ProvisioningRun> {
    const run = await this.options.rules.admit(credentials, body);
    const created = await this.options.stores.runs.createRun(run);
    this.options.onTrigger?.();
    return created;
  }

  listRuns(filter: RunFilter, page: RunPage) {
    return this.options.stores.runs.listRuns(filter, page);
  }

  getRun(id: string) {
    return this.options.stores.runs.getRun(id);
  }

  checkToken(runId: string, token: string) {
    return this.options.stores.tokens.checkToken(runId, hashes =>
      callbackTokenMatches(token, hashes),
    );
  }

  async report(
    runId: string,
    token: string,
    body: unknown,
  ): Promise<RecordedReport> {
    const parsed = runEventRequestSchema.safeParse(body);
    if (!parsed.success) throw inputErrorFromZod(parsed.error);
    const result = await this.options.stores.events.appendEvent(
      runId,
      hashes => callbackTokenMatches(token, hashes),
      parsed.data,
    );
    switch (result.result) {
      case 'unauthorized':
        throw new AuthenticationError(UNKNOWN_RUN_OR_TOKEN);
      case 'expired':
        throw new AuthenticationError(TOKEN_EXPIRED);
      case 'ended':
        throw new ConflictError(
          `The run has already ended (${result.status}); no more reports are accepted`,
        );
      case 'replay':
        throw new ConflictError(
          `Event ${parsed.data.eventId} was already recorded (seq ${result.seq})`,
        );
      default:
    }
    if (isFinalRunStatus(result.status)) await this.removeTokenSecret(runId);
    return { seq: result.seq, runStatus: result.status };
  }

  /** The token stopped working with the run; its Secret goes now (else the sweep does it). */
  private async removeTokenSecret(runId: string) {
    const { tokenDelivery, stores, logger } = this.options;
    if (!tokenDelivery) return;
    try {
      await tokenDelivery.remove(runId);
      await stores.tokens.markTokenSecretsRemoved([runId]);
    } catch (error) {
      logger?.warn(
        `Run ${runId}: ${(error as Error).message}; the sweep will retry`,
      );
    }
  }
}
