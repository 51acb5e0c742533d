import type {
  ProvisioningRun,
  ProvisioningRunDetail,
  RunEventRequest,
  RunListPage,
} from '@internal/plugin-provisioning-common';
import type {
  AppendEventResult,
  NewRun,
  ProvisioningStore,
  RunFilter,
} from '../database/ProvisioningStore';
import { callbackTokenMatches } from '../tokens/callbackToken';

/** What the HTTP API asks of the provisioning plugin. */
export interface ProvisioningService {
  /** Records a run and its outbox entry (one transaction) and wakes the dispatcher. */
  trigger(run: NewRun): Promise<ProvisioningRun>;
  listRuns(
    filter: RunFilter,
    page: { limit: number; cursor?: string },
  ): Promise<RunListPage>;
  getRun(id: string): Promise<ProvisioningRunDetail | undefined>;
  /** Records a workflow report if `token` is one of the run's valid callback tokens. */
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
    },
  ) {}

  async trigger(run: NewRun): Promise<ProvisioningRun> {
    const created = await this.options.store.createRun(run);
    this.options.onTrigger?.();
    return created;
  }

  listRuns(filter: RunFilter, page: { limit: number; cursor?: string }) {
    return this.options.store.listRuns(filter, page);
  }

  getRun(id: string) {
    return this.options.store.getRun(id);
  }

  recordEvent(
    runId: string,
    token: string,
    event: Required<Omit<RunEventRequest, 'message'>> & { message?: string },
  ) {
    return this.options.store.appendEvent(
      runId,
      hashes => callbackTokenMatches(token, hashes),
      event,
    );
  }
}
