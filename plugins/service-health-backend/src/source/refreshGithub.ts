import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  GITHUB_PROJECT_SLUG_ANNOTATION,
  parseProjectSlug,
  RunFailure,
} from '@internal/plugin-service-health-common';
import type { GithubSourceConfig } from '../config/readGithubConfig';
import type { GithubClient } from '../github/GithubClient';
import { GithubRepoStore, slugKey } from '../store/GithubRepoStore';
import { readRepository } from './readRepository';

/** What one pass did. */
export interface RefreshResult {
  repositories: number;
  read: number;
  failed: number;
  /** Annotated with an owner the platform does not read. */
  skipped: number;
}

/**
 * The repositories to read: the `github.com/project-slug` of every catalog component, kept when
 * its owner is one of the configured organizations (the annotation only points), deduplicated.
 */
export async function annotatedRepositories(
  catalog: CatalogService,
  auth: AuthService,
  organizations: ReadonlySet<string>,
): Promise<{ repos: Array<{ owner: string; repo: string }>; skipped: number }> {
  const credentials = await auth.getOwnServiceCredentials();
  const { items } = await catalog.getEntities(
    {
      filter: {
        kind: 'component',
        [`metadata.annotations.${GITHUB_PROJECT_SLUG_ANNOTATION}`]:
          CATALOG_FILTER_EXISTS,
      },
      fields: ['metadata.annotations'],
    },
    { credentials },
  );
  const repos = new Map<string, { owner: string; repo: string }>();
  let skipped = 0;
  for (const e of items) {
    const slug = parseProjectSlug(
      e.metadata.annotations?.[GITHUB_PROJECT_SLUG_ANNOTATION],
    );
    if (!slug) continue;
    if (!organizations.has(slug.owner.toLowerCase())) {
      skipped++;
      continue;
    }
    repos.set(slugKey(slug.owner, slug.repo), slug);
  }
  return { repos: [...repos.values()], skipped };
}

/** What GitHub said, without anything of the request (no headers, no token). */
function describe(e: unknown): string {
  const status = (e as { status?: unknown })?.status;
  const message = e instanceof Error ? e.message : String(e);
  return typeof status === 'number'
    ? `GitHub answered ${status}: ${message}`
    : message;
}

/**
 * One pass of the GitHub source (run by one replica at a time): every annotated repository is
 * read and stored; a failed read keeps the last good data and records the error; repositories
 * no component points at any more are dropped.
 */
export async function refreshGithub(deps: {
  catalog: CatalogService;
  auth: AuthService;
  client: GithubClient;
  store: GithubRepoStore;
  config: GithubSourceConfig;
  logger: LoggerService;
  now?: () => Date;
}): Promise<RefreshResult> {
  const { client, store, config, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const { repos, skipped } = await annotatedRepositories(
    deps.catalog,
    deps.auth,
    config.organizations,
  );
  const keys = repos.map(r => slugKey(r.owner, r.repo));
  const previous = await store.getMany(keys);
  let read = 0;
  let failed = 0;
  const queue = [...repos];
  const worker = async () => {
    for (let slug = queue.shift(); slug; slug = queue.shift()) {
      const key = slugKey(slug.owner, slug.repo);
      const known = new Map<number, RunFailure>();
      for (const r of previous.get(key)?.data?.runs ?? [])
        if (r.failure && r.status === 'completed') known.set(r.id, r.failure);
      try {
        const data = await readRepository(client, slug, config, known);
        await store.saveSuccess({ ...data, fetchedAt: now().toISOString() });
        read++;
      } catch (e) {
        failed++;
        const error = describe(e);
        logger.warn(
          `service-health: reading GitHub repository ${key} failed: ${error}`,
        );
        await store.saveFailure(key, error, now());
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(config.concurrency, repos.length) }, worker),
  );
  await store.retainOnly(keys);
  return { repositories: repos.length, read, failed, skipped };
}
