import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { RepositoryData } from '@internal/plugin-service-health-common';
import type { Knex } from 'knex';

const TABLE = 'service_health_github_repos';

/** A stored repository: the last good read, and the last attempt's error. */
export interface StoredRepo {
  slug: string;
  data?: RepositoryData;
  attemptedAt: Date;
  error?: string;
}

/** Slugs are keyed lower case (GitHub names are case-insensitive). */
export const slugKey = (owner: string, repo: string) =>
  `${owner}/${repo}`.toLowerCase();

function toStored(row: any): StoredRepo {
  return {
    slug: row.slug,
    data: row.data ? (JSON.parse(row.data) as RepositoryData) : undefined,
    attemptedAt: new Date(row.attempted_at),
    error: row.error ?? undefined,
  };
}

/**
 * The GitHub data of every read repository, in the plugin's database: every replica serves the
 * same rows, whichever replica read them, and a restart does not start empty.
 */
export class GithubRepoStore {
  static async create(database: DatabaseService): Promise<GithubRepoStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) {
      await knex.migrate.latest({
        directory: resolvePackagePath(
          '@internal/plugin-service-health-backend',
          'migrations',
        ),
        tableName: 'service_health_knex_migrations',
        loadExtensions: ['.js'],
      });
    }
    return new GithubRepoStore(knex);
  }

  constructor(private readonly db: Knex) {}

  async get(slug: string): Promise<StoredRepo | undefined> {
    const row = await this.db(TABLE)
      .where({ slug: slug.toLowerCase() })
      .first();
    return row ? toStored(row) : undefined;
  }

  /** Many repositories in one query (a catalog page). */
  async getMany(slugs: string[]): Promise<Map<string, StoredRepo>> {
    const keys = [...new Set(slugs.map(s => s.toLowerCase()))];
    const rows = keys.length ? await this.db(TABLE).whereIn('slug', keys) : [];
    return new Map(rows.map((r: any) => [r.slug, toStored(r)]));
  }

  async saveSuccess(data: RepositoryData): Promise<void> {
    const at = new Date(data.fetchedAt);
    await this.db(TABLE)
      .insert({
        slug: data.slug.toLowerCase(),
        data: JSON.stringify(data),
        fetched_at: at,
        attempted_at: at,
        error: null,
      })
      .onConflict('slug')
      .merge();
  }

  /** Keeps the last good data; records the attempt and why it failed. */
  async saveFailure(slug: string, error: string, at: Date): Promise<void> {
    await this.db(TABLE)
      .insert({
        slug: slug.toLowerCase(),
        attempted_at: at,
        error: error.slice(0, 1000),
      })
      .onConflict('slug')
      .merge(['attempted_at', 'error']);
  }

  /** Drops repositories no catalog component points at any more. */
  async retainOnly(slugs: string[]): Promise<number> {
    const keys = slugs.map(s => s.toLowerCase());
    const q = this.db(TABLE);
    return keys.length ? q.whereNotIn('slug', keys).delete() : q.delete();
  }
}
