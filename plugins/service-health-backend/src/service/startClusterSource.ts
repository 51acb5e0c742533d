import type {
  AuthService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { TeamNamespacesService } from '@internal/plugin-portico-node';
import { ClusterClient } from '../cluster/ClusterClient';
import {
  type ClusterSourceConfig,
  readClusterConfig,
} from '../config/readClusterConfig';
import { refreshCluster } from '../source/refreshCluster';
import type { VulnerabilityStore } from '../store/VulnerabilityStore';

/** The scheduled task's id (global: one replica at a time runs it). */
export const CLUSTER_TASK_ID = 'service-health-cluster';

/**
 * Reads `serviceHealth.cluster` and schedules the cluster source: one global task, so the calls to
 * the API server depend on the number of namespaces, never on replicas or viewers.
 */
export async function startClusterSource(deps: {
  config: RootConfigService;
  logger: LoggerService;
  scheduler: SchedulerService;
  auth: AuthService;
  catalog: CatalogService;
  teamNamespaces: TeamNamespacesService;
  store: VulnerabilityStore;
}): Promise<ClusterSourceConfig | undefined> {
  const { logger } = deps;
  const config = readClusterConfig(deps.config);
  if (!config) {
    logger.info(
      'No cluster source configured (serviceHealth.cluster); vulnerability cards say "no data"',
    );
    return undefined;
  }
  const client = new ClusterClient(config.connection);
  await deps.scheduler.scheduleTask({
    id: CLUSTER_TASK_ID,
    scope: 'global',
    frequency: { milliseconds: config.frequencyMs },
    timeout: { milliseconds: config.timeoutMs },
    initialDelay: { seconds: 5 },
    fn: async () => {
      const r = await refreshCluster({ ...deps, client, config });
      logger.info(
        `service-health: read ${r.components} components from the cluster (${r.withFindings} with scanned images, ${r.failed} failed, ${r.namespaces} namespaces listed)`,
      );
    },
  });
  return config;
}
