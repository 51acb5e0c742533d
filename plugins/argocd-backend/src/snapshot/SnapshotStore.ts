import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type {
  ArgoApplication,
  RevisionMetadata,
} from '../upstream/ArgoCdClient';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

export interface SnapshotRow {
  instance: string;
  version: number;
  fetchedAt?: Date;
  attemptedAt?: Date;
  error?: string;
  apps?: ArgoApplication[];
}

function toDate(v: unknown): Date | undefined {
  if (v === null || v === undefined) return undefined;
  return v instanceof Date ? v : new Date(v as string);
}

/**
 * The snapshots of every instance and the revision metadata, in the plugin's database, so every
 * replica answers from the same data and a restart does not start cold.
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

  constructor(private readonly db: Knex) {}

  /** Current version of every instance's row. */
  async versions(): Promise<Map<string, number>> {
    const rows = await this.db('argocd_snapshots').select(
      'instance',
      'version',
    );
    return new Map(rows.map((r: any) => [r.instance, Number(r.version)]));
  }

  async load(instance: string): Promise<SnapshotRow | undefined> {
    const row = await this.db('argocd_snapshots').where({ instance }).first();
    if (!row) return undefined;
    return {
      instance,
      version: Number(row.version),
      fetchedAt: toDate(row.fetched_at),
      attemptedAt: toDate(row.attempted_at),
      error: row.error ?? undefined,
      apps: row.payload
        ? JSON.parse((await gunzipAsync(row.payload)).toString('utf8'))
        : undefined,
    };
  }

  async saveSuccess(
    instance: string,
    apps: ArgoApplication[],
    fetchedAt: Date,
  ): Promise<void> {
    const payload = await gzipAsync(Buffer.from(JSON.stringify(apps)));
    await this.upsert(instance, {
      fetched_at: fetchedAt,
      attempted_at: fetchedAt,
      error: null,
      app_count: apps.length,
      payload,
    });
  }

  /** Records a failed refresh; the last good payload stays. */
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
    await this.db.transaction(async tx => {
      const updated = await tx('argocd_snapshots')
        .where({ instance })
        .update({ ...values, version: tx.raw('version + 1') });
      if (updated === 0) {
        await tx('argocd_snapshots')
          .insert({ instance, version: 1, ...values })
          .onConflict('instance')
          .merge({
            ...values,
            version: tx.raw('argocd_snapshots.version + 1'),
          });
      }
    });
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
