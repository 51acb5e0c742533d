import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ArgoCdClient } from '../upstream/ArgoCdClient';
import type { SnapshotStore } from './SnapshotStore';

/**
 * Fetches one instance's application list (field-selected) and stores it as the new snapshot,
 * or records the failure and keeps the last good one. Run by the scheduler with scope `global`,
 * so one replica refreshes each instance at a time.
 */
export async function refreshInstance(options: {
  client: ArgoCdClient;
  store: SnapshotStore;
  logger: LoggerService;
  timeoutMs: number;
}): Promise<void> {
  const { client, store, logger, timeoutMs } = options;
  const instance = client.instance.name;
  const started = new Date();
  try {
    const apps = await client.listApplications(timeoutMs);
    await store.saveSuccess(instance, apps, started);
    logger.debug(`Refreshed Argo CD instance ${instance}`, {
      instance,
      apps: apps.length,
    });
  } catch (e) {
    const message = (e as Error).message;
    logger.warn(
      `Refreshing Argo CD instance ${instance} failed; keeping the last good data`,
      {
        instance,
        error: message,
      },
    );
    await store.saveFailure(instance, message, started);
  }
}
