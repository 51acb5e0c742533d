import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { RevisionMetadata } from '../upstream/ArgoCdClient';

type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

export interface SnapshotMeta {
  instance: string;
  version: number;
  /** sha256 of the stored list response (absent before the first success). */
  hash?: string;
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
  'payload_hash',
  'fetched_at',
  'attempted_at',
  'error',
];

function toMeta(row: any): SnapshotMeta {
  return {
    instance: row.instance,
    version: Number(row.version),
    hash: row.payload_hash ?? undefined,
    fetchedAt: toDate(row.fetched_at),
    attemptedAt: toDate(row.attempted_at),
    error: row.error ?? undefined,
  };
}

/**
 * The snapshots of every instance and the revision metadata, in the plugin's database, so every
 * replica answers from the same data and a restart does not start cold. A snapshot is the
 * field-selected list response as Argo CD sent it (gzip); an unchanged list (same hash) only
 * moves `fetched_at`.
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

  /** The stored list response of an instance, gzipped as stored. */
  async loadPayload(instance: string): Promise<Uint8Array | undefined> {
    const row = await this.db('argocd_snapshots')
      .select('payload')
      .where({ instance })
      .first();
    return row?.payload ? new Uint8Array(row.payload) : undefined;
  }

  /** Stores a successful fetch; returns the row as it now is. */
  async saveSuccess(
    instance: string,
    list: { hash: string; payload?: Buffer; count?: number },
    fetchedAt: Date,
  ): Promise<SnapshotMeta> {
    const { hash } = list;
    const current = await this.meta(instance);
    const values: Record<string, unknown> = {
      fetched_at: fetchedAt,
      attempted_at: fetchedAt,
      error: null,
    };
    if (current?.hash !== hash && list.payload) {
      values.payload = list.payload;
      values.payload_hash = hash;
      values.app_count = list.count ?? null;
    }
    await this.upsert(instance, values);
    return (await this.meta(instance))!;
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
