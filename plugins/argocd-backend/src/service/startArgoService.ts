import type {
  DatabaseService,
  LifecycleService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { readArgoConfig } from '../config/readArgoConfig';
import { InstanceViews } from '../snapshot/InstanceViews';
import { ListParser } from '../snapshot/ListParser';
import { refreshInstance } from '../snapshot/InstanceRefresher';
import { RevisionMetadataCache } from '../snapshot/RevisionMetadataCache';
import { SnapshotStore } from '../snapshot/SnapshotStore';
import { ArgoCdClient } from '../upstream/ArgoCdClient';
import { ArgoService } from './ArgoService';

function refreshTaskId(instance: string) {
  return `argocd-refresh-${instance}`;
}

/**
 * Reads the config, applies the migrations, schedules one global refresh task per instance
 * (only one replica runs each at a time) and one local task that reloads changed snapshots into
 * this replica's memory.
 */
export async function startArgoService(deps: {
  config: RootConfigService;
  logger: LoggerService;
  database: DatabaseService;
  scheduler: SchedulerService;
  lifecycle: LifecycleService;
}): Promise<ArgoService> {
  const { logger, scheduler } = deps;
  const parser = new ListParser();
  deps.lifecycle.addShutdownHook(() => parser.close());
  const config = readArgoConfig(deps.config);
  const store = await SnapshotStore.create(deps.database);
  const clients = new Map(
    config.instances.map(i => [
      i.name,
      new ArgoCdClient(i, config.requestTimeoutMs),
    ]),
  );
  const views = new InstanceViews(
    store,
    config.instances.map(i => i.name),
    logger,
    parser,
  );
  const revisions = new RevisionMetadataCache(store, clients);

  if (config.instances.length === 0) {
    logger.info(
      'No Argo CD instances configured (argocd.instances); the API says "not configured"',
    );
  }
  for (const instance of config.instances) {
    await scheduler.scheduleTask({
      id: refreshTaskId(instance.name),
      scope: 'global',
      frequency: { milliseconds: config.refreshFrequencyMs },
      timeout: { milliseconds: config.refreshTimeoutMs + 5_000 },
      fn: async () => {
        await refreshInstance({
          client: clients.get(instance.name)!,
          store,
          views,
          parser,
          logger: logger.child({ instance: instance.name }),
          timeoutMs: config.refreshTimeoutMs,
        });
      },
    });
  }
  if (config.instances.length > 0) {
    await scheduler.scheduleTask({
      id: 'argocd-reload-snapshots',
      scope: 'local',
      frequency: { milliseconds: config.reloadFrequencyMs },
      timeout: { seconds: 60 },
      fn: () => views.reload(),
    });
    await views
      .reload()
      .catch(e => logger.warn(`Loading Argo CD snapshots failed: ${e}`));
  }
  return new ArgoService(config, views, clients, revisions, instance =>
    scheduler.triggerTask(refreshTaskId(instance)),
  );
}
