import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { RevisionMetadata } from '../upstream/ArgoCdClient';

export type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

export interface SnapshotMeta {
  instance: string;
  version: number;
  /** The last change sequence written to argocd_apps (0: none yet). */
  seq: number;
  /** Where a watch resumes. */
  resourceVersion?: string;
  /** When the instance was last listed in full. */
  listedAt?: Date;
  /** When the data was last known current (a list, or a healthy watch). */
  fetchedAt?: Date;
  attemptedAt?: Date;
  error?: string;
}

function toDate(v: unknown): Date | undefined {
  if (v === null || v === undefined) return undefined;
  return v instanceof Date ? v : new Date(v as string);
}

const META_COLUMNS = [
  'instance',
  'version',
  'seq',
  'resource_version',
  'listed_at',
  'fetched_at',
  'attempted_at',
  'error',
];

function toMeta(row: any): SnapshotMeta {
  return {
    instance: row.instance,
    version: Number(row.version),
    seq: Number(row.seq ?? 0),
    resourceVersion: row.resource_version ?? undefined,
    listedAt: toDate(row.listed_at),
    fetchedAt: toDate(row.fetched_at),
    attemptedAt: toDate(row.attempted_at),
    error: row.error ?? undefined,
  };
}

/**
 * The state of every instance (argocd_snapshots: change sequence, where the watch resumes, when
 * it was current, the last error) and the revision metadata, in the plugin's database, so every
 * replica answers from the same data and a restart does not start cold. The applications
 * themselves are rows of argocd_apps (AppRowStore).
 */
export class SnapshotStore {
  static async create(database: DatabaseService): Promise<SnapshotStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) {
      await knex.migrate.latest({
        directory: resolvePackagePath(
          '@internal/plugin-argocd-backend',
          'migrations',
        ),
        tableName: 'argocd_knex_migrations',
        loadExtensions: ['.js'],
      });
    }
    return new SnapshotStore(knex);
  }

  constructor(readonly db: Knex) {}

  /** Everything but the payloads, for every instance (one small query). */
  async metas(): Promise<Map<string, SnapshotMeta>> {
    const rows = await this.db('argocd_snapshots').select(META_COLUMNS);
    return new Map(rows.map((r: any) => [r.instance, toMeta(r)]));
  }

  async meta(instance: string): Promise<SnapshotMeta | undefined> {
    const row = await this.db('argocd_snapshots')
      .select(META_COLUMNS)
      .where({ instance })
      .first();
    return row ? toMeta(row) : undefined;
  }

  /** The data is current as of `at` (a list, or a watch that is up): clears the error. */
  async markFresh(
    instance: string,
    at: Date,
    extra: { resourceVersion?: string } = {},
  ): Promise<void> {
    await this.upsert(instance, {
      fetched_at: at,
      attempted_at: at,
      error: null,
      ...(extra.resourceVersion
        ? { resource_version: extra.resourceVersion }
        : {}),
    });
  }

  /** Records a failed list or watch; the last good data stays. */
  async saveFailure(
    instance: string,
    error: string,
    attemptedAt: Date,
  ): Promise<void> {
    await this.upsert(instance, {
      attempted_at: attemptedAt,
      error: error.slice(0, 1000),
    });
  }

  private async upsert(instance: string, values: Record<string, unknown>) {
    const updated = await this.db('argocd_snapshots')
      .where({ instance })
      .update({ ...values, version: this.db.raw('version + 1') });
    if (updated === 0) {
      await this.db('argocd_snapshots')
        .insert({ instance, version: 1, ...values })
        .onConflict('instance')
        .merge({
          ...values,
          version: this.db.raw('argocd_snapshots.version + 1'),
        });
    }
  }

  async getRevisionMetadata(
    key: RevisionKey,
  ): Promise<RevisionMetadata | undefined> {
    const row = await this.db('argocd_revision_metadata')
      .where({
        instance: key.instance,
        app_namespace: key.appNamespace,
        app_name: key.appName,
        revision: key.revision,
      })
      .first();
    if (!row) return undefined;
    return {
      author: row.author ?? undefined,
      date: row.date ?? undefined,
      message: row.message ?? undefined,
    };
  }

  async putRevisionMetadata(
    key: RevisionKey,
    meta: RevisionMetadata,
  ): Promise<void> {
    await this.db('argocd_revision_metadata')
      .insert({
        instance: key.instance,
        app_namespace: key.appNamespace,
        app_name: key.appName,
        revision: key.revision,
        author: meta.author?.slice(0, 1000) ?? null,
        date: meta.date?.slice(0, 64) ?? null,
        message: meta.message?.slice(0, 4000) ?? null,
      })
      .onConflict(['instance', 'app_namespace', 'app_name', 'revision'])
      .ignore();
  }
}

export interface RevisionKey {
  instance: string;
  appNamespace: string;
  appName: string;
  revision: string;
}
