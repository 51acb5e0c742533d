import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ArgoCdClient } from '../upstream/ArgoCdClient';
import { parseListOffThread } from './parseListOffThread';
import type { InstanceViews } from './InstanceViews';
import type { SnapshotStore } from './SnapshotStore';

/**
 * Fetches one instance's application list (field-selected) and stores it as the new snapshot,
 * or records the failure and keeps the last good one. Run by the scheduler with scope `global`,
 * so one replica refreshes each instance at a time.
 */
export async function refreshInstance(options: {
  client: ArgoCdClient;
  store: SnapshotStore;
  views: InstanceViews;
  logger: LoggerService;
  timeoutMs: number;
}): Promise<void> {
  const { client, store, views, logger, timeoutMs } = options;
  const instance = client.instance.name;
  const started = new Date();
  try {
    const raw = await client.listApplicationsRaw(timeoutMs);
    // Hashed, parsed and gzipped in a worker thread (megabytes of JSON would stall every
    // request); an unchanged list (same hash as this replica's view) is not parsed again.
    const { hash, entries, payload } = await parseListOffThread({
      raw,
      previousHash: views.get(instance).hash,
      gzip: true,
    });
    const meta = await store.saveSuccess(
      instance,
      { hash, payload, count: entries?.length },
      started,
    );
    views.accept(meta, entries);
    logger.debug(`Refreshed Argo CD instance ${instance}`, {
      instance,
      changed: entries !== undefined,
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
    await views.reload();
  }
}
