import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  ProvisioningRun,
  ProvisioningRunDetail,
  RunEventRequest,
  RunListPage,
} from '@internal/plugin-provisioning-common';
import type { CallbackTokenDelivery } from '../callback/CallbackTokenDelivery';
import type {
  AppendEventResult,
  NewRun,
  ProvisioningStore,
  RunFilter,
} from '../database/ProvisioningStore';
import { callbackTokenMatches } from '../tokens/callbackToken';

/** What a presented callback token is worth (see ProvisioningStore.checkToken). */
export type TokenVerdict = 'valid' | 'ended' | 'expired' | 'unauthorized';

/** What the HTTP API asks of the provisioning plugin. */
export interface ProvisioningService {
  /** Records a run and its outbox entry (one transaction) and wakes the dispatcher. */
  trigger(run: NewRun): Promise<ProvisioningRun>;
  /** Runs of a user that have not ended. */
  activeRunsOf(userRef: string): Promise<number>;
  listRuns(
    filter: RunFilter,
    page: { limit: number; cursor?: string },
  ): Promise<RunListPage>;
  getRun(id: string): Promise<ProvisioningRunDetail | undefined>;
  /** Whether `token` is a valid callback token of the run; reads only. */
  checkToken(runId: string, token: string): Promise<TokenVerdict>;
  /** Records a workflow report if `token` is the run's valid callback token. */
  recordEvent(
    runId: string,
    token: string,
    event: Required<Omit<RunEventRequest, 'message'>> & { message?: string },
  ): Promise<AppendEventResult>;
}

export class DefaultProvisioningService implements ProvisioningService {
  constructor(
    private readonly options: {
      store: ProvisioningStore;
      /** Called after each trigger (the dispatcher's nudge). */
      onTrigger?: () => void;
      /** Removes a run's callback token Secret once the run has ended. */
      tokenDelivery?: CallbackTokenDelivery;
      logger?: LoggerService;
    },
  ) {}

  async trigger(run: NewRun): Promise<ProvisioningRun> {
    const created = await this.options.store.createRun(run);
    this.options.onTrigger?.();
    return created;
  }

  activeRunsOf(userRef: string) {
    return this.options.store.activeRunsOf(userRef);
  }

  listRuns(filter: RunFilter, page: { limit: number; cursor?: string }) {
    return this.options.store.listRuns(filter, page);
  }

  getRun(id: string) {
    return this.options.store.getRun(id);
  }

  checkToken(runId: string, token: string) {
    return this.options.store.checkToken(runId, hashes =>
      callbackTokenMatches(token, hashes),
    );
  }

  async recordEvent(
    runId: string,
    token: string,
    event: Required<Omit<RunEventRequest, 'message'>> & { message?: string },
  ) {
    const result = await this.options.store.appendEvent(
      runId,
      hashes => callbackTokenMatches(token, hashes),
      event,
    );
    const { tokenDelivery } = this.options;
    if (
      tokenDelivery &&
      result.result === 'recorded' &&
      (result.status === 'succeeded' || result.status === 'failed')
    ) {
      // The token stopped working with the run; its Secret goes now (else the sweep does it).
      try {
        await tokenDelivery.remove(runId);
        await this.options.store.markTokenSecretsRemoved([runId]);
      } catch (error) {
        this.options.logger?.warn(
          `Run ${runId}: ${(error as Error).message}; the sweep will retry`,
        );
      }
    }
    return result;
  }
}
