import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ArgoCdClient } from '../upstream/ArgoCdClient';
import { AppChange, AppRowStore, changeOf, deletionOf } from './AppRowStore';
import type { InstanceViews } from './InstanceViews';
import type { ListParser } from './ListParser';
import type { SnapshotStore } from './SnapshotStore';

export interface RelistContext {
  client: ArgoCdClient;
  store: SnapshotStore;
  rows: AppRowStore;
  views: InstanceViews;
  parser: ListParser;
  logger: LoggerService;
  timeoutMs: number;
}

export interface RelistResult {
  resourceVersion?: string;
  /** The changes written. */
  changes: AppChange[];
}

/**
 * Lists one instance in full (field-selected) and writes what differs from the rows: changed
 * and new applications, and tombstones for the ones gone. Run by the one replica holding the
 * instance's global task (the watcher, or the poll fallback), so nothing else writes its rows
 * meanwhile: this replica's index, caught up first, is what the rows hold.
 */
export async function relistInstance(
  ctx: RelistContext,
): Promise<RelistResult> {
  const { client, rows, views, parser, timeoutMs } = ctx;
  const instance = client.instance.name;
  const started = new Date();
  await views.poll();
  const raw = await client.listApplicationsRaw(timeoutMs);
  // parsed in the parser thread against the hashes this replica holds: only what changed
  // comes back to the event loop
  const parsed = await parser.parse({
    raw,
    known: views.get(instance).index.hashes(),
  });
  const changes = [
    ...parsed.entries.map(changeOf),
    ...parsed.removed.map(deletionOf),
  ];
  await rows.write(instance, changes, {
    resourceVersion: parsed.resourceVersion,
    listedAt: started,
    count: parsed.count,
  });
  ctx.logger.debug(`Listed Argo CD instance ${instance}`, {
    instance,
    changed: changes.length,
  });
  return { resourceVersion: parsed.resourceVersion, changes };
}

/**
 * One scheduled refresh (the fallback when the instance is not watched): a relist, or the
 * failure recorded while the last good data stays.
 */
export async function refreshInstance(ctx: RelistContext): Promise<void> {
  const instance = ctx.client.instance.name;
  const started = new Date();
  try {
    await relistInstance(ctx);
  } catch (e) {
    const message = (e as Error).message;
    ctx.logger.warn(
      `Refreshing Argo CD instance ${instance} failed; keeping the last good data`,
      { instance, error: message },
    );
    await ctx.store.saveFailure(instance, message, started);
  }
  await ctx.views.poll();
}
