import type {
  DatabaseService,
  LifecycleService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { SignalsService } from '@backstage/plugin-signals-node';
import { readArgoConfig } from '../config/readArgoConfig';
import { ChangeSignals } from '../signals/ChangeSignals';
import { AppRowStore } from '../snapshot/AppRowStore';
import { InstanceViews } from '../snapshot/InstanceViews';
import { ListParser } from '../snapshot/ListParser';
import { refreshInstance } from '../snapshot/InstanceRefresher';
import { RevisionMetadataCache } from '../snapshot/RevisionMetadataCache';
import { SnapshotStore } from '../snapshot/SnapshotStore';
import { ArgoCdClient } from '../upstream/ArgoCdClient';
import {
  DEFAULT_WATCHER_TIMING,
  InstanceWatcher,
} from '../watch/InstanceWatcher';
import { RevisionPrefetcher } from '../watch/RevisionPrefetcher';
import { ArgoService } from './ArgoService';

/** The global task of one instance: its watcher's sessions, or its scheduled list. */
export function refreshTaskId(instance: string) {
  return `argocd-refresh-${instance}`;
}

/**
 * Reads the config, applies the migrations and schedules, per instance, one global task (only one
 * replica runs it at a time): the watcher's sessions, or without `argocd.watch` a list every
 * refresh period. Every replica reads the changed applications from the database on a short
 * local poll, and publishes the Argo CD signal for what it applied.
 */
export async function startArgoService(deps: {
  config: RootConfigService;
  logger: LoggerService;
  database: DatabaseService;
  scheduler: SchedulerService;
  lifecycle: LifecycleService;
  signals?: SignalsService;
}): Promise<ArgoService> {
  const { logger, scheduler } = deps;
  const parser = new ListParser();
  const config = readArgoConfig(deps.config);
  const store = await SnapshotStore.create(deps.database);
  const rows = new AppRowStore(store.db);
  const clients = new Map(
    config.instances.map(i => [
      i.name,
      new ArgoCdClient(i, config.requestTimeoutMs),
    ]),
  );
  const signals = new ChangeSignals(deps.signals, logger);
  const views = new InstanceViews(
    store,
    rows,
    config.instances.map(i => i.name),
    logger,
    changes => signals.note(changes),
  );
  const revisions = new RevisionMetadataCache(store, clients);
  const prefetcher = new RevisionPrefetcher(revisions, logger);
  deps.lifecycle.addShutdownHook(async () => {
    signals.stop();
    prefetcher.stop();
    await parser.close();
  });

  if (config.instances.length === 0) {
    logger.info(
      'No Argo CD instances configured (argocd.instances); the API says "not configured"',
    );
  }
  for (const instance of config.instances) {
    const ctx = {
      client: clients.get(instance.name)!,
      store,
      rows,
      views,
      parser,
      logger: logger.child({ instance: instance.name }),
      timeoutMs: config.refreshTimeoutMs,
    };
    if (config.watch) {
      const watcher = new InstanceWatcher(
        ctx,
        {
          ...DEFAULT_WATCHER_TIMING,
          sessionMs: config.sessionMs,
          resyncMs: config.resyncMs,
        },
        changes => prefetcher.enqueue(instance.name, changes),
      );
      await scheduler.scheduleTask({
        id: refreshTaskId(instance.name),
        scope: 'global',
        // the next session starts (on any replica) as soon as the scheduler sees this one end:
        // a cadence under the scheduler's 5 s work check makes it look that often (one small
        // query per replica), so the watch is down for at most about this long per session
        frequency: { milliseconds: 250 },
        timeout: { milliseconds: config.sessionMs + 30_000 },
        fn: signal => watcher.session(signal),
      });
    } else {
      await scheduler.scheduleTask({
        id: refreshTaskId(instance.name),
        scope: 'global',
        frequency: { milliseconds: config.refreshFrequencyMs },
        timeout: { milliseconds: config.refreshTimeoutMs + 5_000 },
        fn: () => refreshInstance(ctx),
      });
    }
  }
  if (config.instances.length > 0) {
    await scheduler.scheduleTask({
      id: 'argocd-reload-applications',
      scope: 'local',
      frequency: { milliseconds: config.reloadFrequencyMs },
      timeout: { seconds: 60 },
      fn: () => views.poll(),
    });
    await views
      .poll()
      .catch(e => logger.warn(`Loading Argo CD applications failed: ${e}`));
  }
  return new ArgoService(config, views, clients, revisions, async instance => {
    // a watched instance shows the action's effect through its watch
    if (!config.watch) await scheduler.triggerTask(refreshTaskId(instance));
  });
}
