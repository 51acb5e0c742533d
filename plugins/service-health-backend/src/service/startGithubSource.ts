import type {
  AuthService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  GithubSourceConfig,
  readGithubConfig,
} from '../config/readGithubConfig';
import { GithubClient } from '../github/GithubClient';
import { refreshGithub } from '../source/refreshGithub';
import type { GithubRepoStore } from '../store/GithubRepoStore';

/** The scheduled task's id (global: one replica at a time runs it). */
export const GITHUB_TASK_ID = 'service-health-github';

/**
 * Reads `serviceHealth.github` and schedules the GitHub source: one global task (whichever
 * replica holds the scheduler's lock runs it), so the upstream calls depend on the number of
 * repositories, never on replicas or viewers.
 */
export async function startGithubSource(deps: {
  config: RootConfigService;
  logger: LoggerService;
  scheduler: SchedulerService;
  auth: AuthService;
  catalog: CatalogService;
  store: GithubRepoStore;
}): Promise<GithubSourceConfig | undefined> {
  const { logger } = deps;
  const config = readGithubConfig(deps.config);
  if (!config) {
    logger.info(
      'No GitHub source configured (serviceHealth.github); code and CI cards say "no data"',
    );
    return undefined;
  }
  const client = new GithubClient(config);
  await deps.scheduler.scheduleTask({
    id: GITHUB_TASK_ID,
    scope: 'global',
    frequency: { milliseconds: config.frequencyMs },
    timeout: { milliseconds: config.timeoutMs },
    initialDelay: { seconds: 5 },
    fn: async () => {
      const result = await refreshGithub({ ...deps, client, config });
      logger.info(
        `service-health: read ${result.read} of ${result.repositories} GitHub repositories (${result.failed} failed, ${result.skipped} annotations outside the configured organizations)`,
      );
    },
  });
  return config;
}
