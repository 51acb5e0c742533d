import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ArgoCdClient } from '../upstream/ArgoCdClient';
import type { ListParser } from './ListParser';
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
  parser: ListParser;
  logger: LoggerService;
  timeoutMs: number;
}): Promise<void> {
  const { client, store, views, parser, logger, timeoutMs } = options;
  const instance = client.instance.name;
  const started = new Date();
  try {
    const raw = await client.listApplicationsRaw(timeoutMs);
    // Hashed, parsed and gzipped in the parser thread (megabytes of JSON would stall every
    // request); an unchanged list (same hash as this replica's view) is not parsed again, and
    // unchanged applications keep their objects.
    const { hash, index, changed, payload } = await parser.parse({
      instance,
      raw,
      base: views.get(instance),
      gzip: true,
    });
    const meta = await store.saveSuccess(
      instance,
      { hash, payload, count: index?.size },
      started,
    );
    views.accept(meta, index);
    logger.debug(`Refreshed Argo CD instance ${instance}`, {
      instance,
      changed: changed ?? 0,
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
