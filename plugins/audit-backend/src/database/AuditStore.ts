import {
  resolvePackagePath,
  type DatabaseService,
} from '@backstage/backend-plugin-api';
import type {
  AuditChainVerification,
  AuditEvent,
  AuditOutcome,
} from '@internal/plugin-audit-common';
import type { AuditRecord } from '@internal/plugin-audit-node';
import type { Knex } from 'knex';
import { verifyAuditChain } from '../chain/verifyChain';
import {
  fieldsToRow,
  recordToFields,
  rowToEvent,
  type AuditEventRow,
} from './auditEventRows';

/** Parsed filters of the audit API (all optional, combined with AND). */
export interface AuditQueryFilter {
  actor?: string;
  action?: string;
  plugin?: string;
  entityRef?: string;
  outcome?: AuditOutcome;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

/** Where retention cut the chain. */
export interface RetentionCut {
  checkpointId: string;
  firstKeptId: string;
}

const EVENTS = 'audit_events';
const HEAD = 'audit_chain_head';
const CHECKPOINTS = 'audit_chain_checkpoints';
const HOURS = 'audit_event_hours';

/** The hour (ISO 8601) an event time falls in. */
function hourOf(date: Date): string {
  const hour = new Date(date.getTime());
  hour.setUTCMinutes(0, 0, 0);
  return hour.toISOString();
}
/** Rows per INSERT statement (19 bound values each; PostgreSQL allows 65535 per statement). */
const INSERT_CHUNK = 1000;

/** Adds the WHERE clauses of an events filter (columns of `audit_events`) to a query. */
export function whereAuditFilter<Q extends Knex.QueryBuilder>(
  query: Q,
  filter: AuditQueryFilter,
): Q {
  if (filter.actor !== undefined) query.where('actor_id', filter.actor);
  if (filter.action !== undefined) query.where('action', filter.action);
  if (filter.plugin !== undefined) query.where('plugin', filter.plugin);
  if (filter.entityRef !== undefined)
    query.where('entity_ref', filter.entityRef);
  if (filter.outcome !== undefined) query.where('outcome', filter.outcome);
  if (filter.from !== undefined)
    query.where('time', '>=', filter.from.toISOString());
  if (filter.to !== undefined)
    query.where('time', '<', filter.to.toISOString());
  return query;
}

/** Applies the plugin's knex migrations (`migrations/`). */
export async function applyAuditMigrations(knex: Knex): Promise<void> {
  await knex.migrate.latest({
    directory: resolvePackagePath(
      '@internal/plugin-audit-backend',
      'migrations',
    ),
  });
}

/**
 * Every query of the audit log: appending to the hash chain, filtered keyset pages, single
 * events, and the retention cut. PostgreSQL in production; SQLite works for local development
 * (one process, so no row lock is needed there).
 */
export class AuditStore {
  readonly #db: Knex;
  readonly #isPostgres: boolean;

  static async create(database: DatabaseService): Promise<AuditStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) {
      await applyAuditMigrations(knex);
    }
    return new AuditStore(knex);
  }

  constructor(db: Knex) {
    this.#db = db;
    this.#isPostgres = db.client.dialect === 'postgresql';
  }

  /**
   * Appends `records` in their order, in ONE transaction that locks the chain head: each gets
   * the next id and hash = sha256(previous hash + its canonical JSON). Replicas sharing the
   * database queue on the lock, so the chain stays one line.
   */
  async appendEvents(
    records: AuditRecord[],
  ): Promise<{ firstId: string; lastId: string } | undefined> {
    if (records.length === 0) {
      return undefined;
    }
    return this.#db.transaction(async trx => {
      let headQuery = trx(HEAD).select('last_id', 'last_hash').where({ id: 1 });
      if (this.#isPostgres) {
        headQuery = headQuery.forUpdate();
      }
      const head = await headQuery.first();
      if (!head) {
        throw new Error(
          'audit_chain_head has no row; the migrations did not run',
        );
      }
      let id = BigInt(head.last_id);
      let prevHash: string = head.last_hash;
      const firstId = String(id + 1n);
      const rows = records.map(record => {
        id += 1n;
        const row = fieldsToRow(recordToFields(record, String(id)), prevHash);
        prevHash = row.hash;
        return row;
      });
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await trx(EVENTS).insert(rows.slice(i, i + INSERT_CHUNK));
      }
      await this.#extendHours(trx, rows);
      await trx(HEAD)
        .where({ id: 1 })
        .update({
          last_id: String(id),
          last_hash: prevHash,
          updated_at: new Date().toISOString(),
        });
      return { firstId, lastId: String(id) };
    });
  }

  /** Widens the id range of every hour that `rows` fall in (same transaction as the insert). */
  async #extendHours(
    trx: Knex.Transaction,
    rows: Array<{ id: string | number; time: Date | string }>,
  ) {
    const hours = new Map<string, { min_id: bigint; max_id: bigint }>();
    for (const row of rows) {
      const hour = hourOf(new Date(row.time));
      const id = BigInt(row.id);
      const range = hours.get(hour);
      if (!range) {
        hours.set(hour, { min_id: id, max_id: id });
      } else {
        if (id < range.min_id) range.min_id = id;
        if (id > range.max_id) range.max_id = id;
      }
    }
    const [least, greatest] = this.#isPostgres
      ? ['LEAST', 'GREATEST']
      : ['MIN', 'MAX'];
    await trx(HOURS)
      .insert(
        [...hours].map(([hour, range]) => ({
          hour,
          min_id: String(range.min_id),
          max_id: String(range.max_id),
        })),
      )
      .onConflict('hour')
      .merge({
        min_id: trx.raw(`${least}(??, excluded.min_id)`, [`${HOURS}.min_id`]),
        max_id: trx.raw(`${greatest}(??, excluded.max_id)`, [
          `${HOURS}.max_id`,
        ]),
      });
  }

  /**
   * The id range that holds every event of the time window: from the hours' id ranges, so that
   * a time filter becomes an id range on the primary key or on a filter index (event times are
   * only roughly in id order: events can be written late). `undefined` when no event can match.
   */
  async #idRangeOf(
    from: Date | undefined,
    to: Date | undefined,
  ): Promise<{ low?: string; high?: string } | undefined> {
    const range: { low?: string; high?: string } = {};
    if (from) {
      const row = await this.#db(HOURS)
        .min({ low: 'min_id' })
        .where('hour', '>=', hourOf(from))
        .first();
      if (row?.low === null || row?.low === undefined) return undefined;
      range.low = String(row.low);
    }
    if (to) {
      const row = await this.#db(HOURS)
        .max({ high: 'max_id' })
        .where('hour', '<', to.toISOString())
        .first();
      if (row?.high === null || row?.high === undefined) return undefined;
      range.high = String(row.high);
    }
    return range;
  }

  /** Newest first; only events with an id below `beforeId` when given. */
  async listEvents(
    filter: AuditQueryFilter,
    options: { beforeId?: string; limit: number },
  ): Promise<AuditEvent[]> {
    const idRange =
      filter.from || filter.to
        ? await this.#idRangeOf(filter.from, filter.to)
        : {};
    if (!idRange) {
      return [];
    }
    const query = this.#db<AuditEventRow>(EVENTS).select('*');
    if (idRange.low !== undefined) query.where('id', '>=', idRange.low);
    if (idRange.high !== undefined) query.where('id', '<=', idRange.high);
    whereAuditFilter(query, filter);
    if (options.beforeId !== undefined)
      query.where('id', '<', options.beforeId);
    const rows = (await query
      .orderBy('id', 'desc')
      .limit(options.limit)) as AuditEventRow[];
    return rows.map(rowToEvent);
  }

  async getEvent(id: string): Promise<AuditEvent | undefined> {
    const row = (await this.#db<AuditEventRow>(EVENTS)
      .where({ id })
      .first()) as AuditEventRow | undefined;
    return row ? rowToEvent(row) : undefined;
  }

  /** Recomputes the hash chain (see {@link verifyAuditChain}). */
  verifyChain(): Promise<AuditChainVerification> {
    return verifyAuditChain(this.#db);
  }

  /**
   * Records where retention cuts the chain: at the first event (in id order, from the current
   * anchor) that is not older than `cutoff` — everything before it is older — or after the last
   * event when all are older. The new checkpoint keeps that event's `prev_hash` as the anchor,
   * so verification still passes once the older events are gone. `undefined` when nothing is
   * older than the current anchor.
   */
  async cutChainBefore(cutoff: Date): Promise<RetentionCut | undefined> {
    return this.#db.transaction(async trx => {
      let headQuery = trx(HEAD).select('last_id', 'last_hash').where({ id: 1 });
      if (this.#isPostgres) {
        headQuery = headQuery.forUpdate();
      }
      const head = await headQuery.first();
      const current = await trx(CHECKPOINTS)
        .select('id', 'first_kept_id')
        .orderBy('id', 'desc')
        .first();
      const anchorId = current ? BigInt(current.first_kept_id) : 1n;
      const firstKept = await trx(EVENTS)
        .select('id', 'prev_hash')
        .where('id', '>=', String(anchorId))
        .andWhere('time', '>=', cutoff.toISOString())
        .orderBy('id', 'asc')
        .first();
      const firstKeptId = firstKept
        ? BigInt(firstKept.id)
        : BigInt(head.last_id) + 1n;
      if (firstKeptId <= anchorId) {
        return current
          ? { checkpointId: String(current.id), firstKeptId: String(anchorId) }
          : undefined;
      }
      const [inserted] = await trx(CHECKPOINTS)
        .insert({
          created_at: new Date().toISOString(),
          first_kept_id: String(firstKeptId),
          prev_hash: firstKept ? firstKept.prev_hash : head.last_hash,
          cutoff: cutoff.toISOString(),
          deleted_count: 0,
        })
        .returning('id');
      const checkpointId =
        typeof inserted === 'object' ? inserted.id : inserted;
      return {
        checkpointId: String(checkpointId),
        firstKeptId: String(firstKeptId),
      };
    });
  }

  /** Deletes up to `batchSize` of the events before `firstKeptId`; returns how many. */
  async deleteEventsBefore(
    firstKeptId: string,
    batchSize: number,
  ): Promise<number> {
    return this.#db(EVENTS)
      .whereIn(
        'id',
        this.#db(EVENTS)
          .select('id')
          .where('id', '<', firstKeptId)
          .orderBy('id', 'asc')
          .limit(batchSize),
      )
      .delete();
  }

  /** Forgets the hours whose events are all before `firstKeptId`. */
  async deleteHoursBefore(firstKeptId: string): Promise<void> {
    await this.#db(HOURS).where('max_id', '<', firstKeptId).delete();
  }

  async addDeletedCount(checkpointId: string, deleted: number): Promise<void> {
    await this.#db(CHECKPOINTS)
      .where({ id: checkpointId })
      .increment('deleted_count', deleted);
  }
}
