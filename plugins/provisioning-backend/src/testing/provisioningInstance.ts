import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ProvisioningRun } from '@internal/plugin-provisioning-common';
import type { Knex } from 'knex';
import type { ProvisioningConfig } from '../config/ProvisioningConfig';
import { createProvisioningStores } from '../database/ProvisioningStores';
import type { NewRun } from '../database/RunStore';
import { OutboxDispatcher } from '../dispatcher/OutboxDispatcher';
import { testConfig } from './testConfig';

/** One replica's delivery half, see {@link createProvisioningInstance}. */
export interface ProvisioningInstance {
  /** What `POST /runs` does once the trigger rules let a run through: records it, nudges. */
  record(run: NewRun): Promise<ProvisioningRun>;
  /** One dispatcher round, as the scheduled task runs it. */
  runOnce(): Promise<number>;
  /** Stops the dispatcher (requests in flight are aborted and handed back). */
  stop(): Promise<void>;
}

/**
 * The provisioning plugin's stores and outbox dispatcher on a migrated database, without a
 * backend (no auth, no trigger rules), as one replica runs them: for benchmarks and tests of
 * several replicas on one database. Settings not given are the tests' (short timeouts).
 */
export function createProvisioningInstance(options: {
  knex: Knex;
  config: Partial<ProvisioningConfig> & { webhookUrl: string };
  logger: LoggerService;
  /** Who claims outbox rows: unique per replica. */
  instanceId: string;
  callbackUrl(runId: string): Promise<string> | string;
}): ProvisioningInstance {
  const stores = createProvisioningStores(options.knex);
  const { webhookUrl, ...overrides } = options.config;
  const dispatcher = new OutboxDispatcher({
    stores,
    config: testConfig(webhookUrl, overrides),
    logger: options.logger,
    instanceId: options.instanceId,
    callbackUrl: options.callbackUrl,
  });
  return {
    async record(run) {
      const created = await stores.runs.createRun(run);
      dispatcher.nudge();
      return created;
    },
    runOnce: () => dispatcher.runOnce(),
    stop: () => dispatcher.stop(),
  };
}
