import { gunzipSync, gzipSync } from 'node:zlib';
import { AppEntry, appKey } from '../upstream/applicationFields';
import type { Knex } from './SnapshotStore';

/** A body at least this long is stored gzipped (smaller ones gain too little to pay for it). */
const GZIP_MIN_CHARS = 16 * 1024;

/** One change of an application: its new entry, or none when it was deleted. */
export interface AppChange {
  key: string;
  namespace: string;
  name: string;
  entry?: AppEntry;
}

/** A row read back: its sequence, and the change it carries. */
export interface AppRow extends AppChange {
  seq: number;
}

export function changeOf(entry: AppEntry): AppChange {
  const namespace = entry.namespace ?? '';
  return {
    key: appKey(namespace, entry.name),
    namespace,
    name: entry.name,
    entry,
  };
}

export function deletionOf(key: string): AppChange {
  const at = key.indexOf('/');
  return { key, namespace: key.slice(0, at), name: key.slice(at + 1) };
}

/** Rows per insert statement (well under the database's parameter limits). */
const ROWS_PER_STATEMENT = 200;

/**
 * The application rows (argocd_apps) of every instance. Only the replica watching an instance
 * writes its rows; every replica reads the rows after the last sequence it applied. One write is
 * one transaction that takes the next sequences from the instance row (locking it), so the rows
 * of a write become visible together, and in sequence order.
 */
export class AppRowStore {
  constructor(private readonly db: Knex) {}

  /**
   * Writes the changes (the last of each key wins) and moves the instance's sequence and, if
   * given, where its watch resumes. Returns the instance's new sequence.
   */
  async write(
    instance: string,
    changes: AppChange[],
    mark: { resourceVersion?: string; listedAt?: Date; count?: number } = {},
  ): Promise<number> {
    const last = new Map<string, AppChange>();
    for (const c of changes) {
      last.delete(c.key);
      last.set(c.key, c);
    }
    const unique = [...last.values()];
    return this.db.transaction(async trx => {
      const values: Record<string, unknown> = {
        seq: trx.raw('seq + ?', [unique.length]),
        version: trx.raw('version + 1'),
      };
      if (mark.resourceVersion) values.resource_version = mark.resourceVersion;
      if (mark.listedAt) {
        values.listed_at = mark.listedAt;
        values.fetched_at = mark.listedAt;
        values.attempted_at = mark.listedAt;
        values.error = null;
      }
      if (mark.count !== undefined) values.app_count = mark.count;
      // one round trip where the database returns what it updated (PostgreSQL, SQLite)
      let updated: any = await trx('argocd_snapshots')
        .where({ instance })
        .update(values, ['seq']);
      const none = Array.isArray(updated) ? updated.length === 0 : !updated;
      if (none) {
        await trx('argocd_snapshots')
          .insert({ instance, version: 0, seq: 0 })
          .onConflict('instance')
          .ignore();
        await trx('argocd_snapshots').where({ instance }).update(values);
      }
      if (none || !Array.isArray(updated)) {
        updated = [
          await trx('argocd_snapshots')
            .select('seq')
            .where({ instance })
            .first(),
        ];
      }
      const row = updated[0];
      const seq = Number(row.seq);
      let next = seq - unique.length;
      const rows = unique.map(c => toRow(instance, c, ++next));
      for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
        await trx('argocd_apps')
          .insert(rows.slice(i, i + ROWS_PER_STATEMENT))
          .onConflict(['instance', 'app_namespace', 'app_name'])
          .merge();
      }
      return seq;
    });
  }

  /** Up to `limit` rows of the instance after `afterSeq`, in sequence order. */
  async since(
    instance: string,
    afterSeq: number,
    limit: number,
    options: { withDeleted?: boolean } = {},
  ): Promise<AppRow[]> {
    const query = this.db('argocd_apps')
      .where({ instance })
      .andWhere('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit);
    // a replica starting from nothing needs no tombstones
    if (!options.withDeleted) query.andWhere({ deleted: false });
    const rows = await query;
    return rows.map(fromRow);
  }
}

function toRow(instance: string, c: AppChange, seq: number) {
  const e = c.entry;
  const big = e !== undefined && e.json.length >= GZIP_MIN_CHARS;
  return {
    instance,
    app_namespace: c.namespace,
    app_name: c.name,
    seq,
    deleted: !e,
    resource_version: e?.resourceVersion?.slice(0, 64) ?? null,
    hash: e?.hash ?? null,
    labels: e ? JSON.stringify(e.labels) : null,
    body: e && !big ? e.json : null,
    body_gz: e && big ? gzipSync(e.json, { level: 1 }) : null,
  };
}

function fromRow(row: any): AppRow {
  const namespace: string = row.app_namespace;
  const name: string = row.app_name;
  const base = {
    seq: Number(row.seq),
    key: appKey(namespace, name),
    namespace,
    name,
  };
  if (
    row.deleted === true ||
    row.deleted === 1 ||
    (!row.body && !row.body_gz)
  ) {
    return base;
  }
  const json: string = row.body ?? gunzipSync(row.body_gz).toString('utf8');
  return {
    ...base,
    entry: {
      name,
      namespace: namespace || undefined,
      labels: row.labels ? JSON.parse(row.labels) : {},
      resourceVersion: row.resource_version ?? undefined,
      hash: row.hash ?? '',
      json,
    },
  };
}
