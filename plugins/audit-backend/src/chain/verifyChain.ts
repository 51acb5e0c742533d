import type { AuditChainVerification } from '@internal/plugin-audit-common';
import type { Knex } from 'knex';
import { rowToFields, type AuditEventRow } from '../database/auditEventRows';
import { computeEventHash, GENESIS_HASH } from './eventHash';

/** Where the kept part of the chain starts: the latest retention checkpoint, else the genesis. */
export interface ChainAnchor {
  firstId: bigint;
  prevHash: string;
}

async function readAnchor(db: Knex): Promise<ChainAnchor> {
  const checkpoint = await db('audit_chain_checkpoints')
    .select('first_kept_id', 'prev_hash')
    .orderBy('id', 'desc')
    .first();
  return checkpoint
    ? {
        firstId: BigInt(checkpoint.first_kept_id),
        prevHash: checkpoint.prev_hash,
      }
    : { firstId: 1n, prevHash: GENESIS_HASH };
}

function broken(
  checked: number,
  id: bigint | string,
  reason: string,
): AuditChainVerification {
  return { ok: false, checked, firstBrokenId: String(id), reason };
}

async function verifyInSnapshot(
  db: Knex,
  batchSize: number,
): Promise<AuditChainVerification> {
  const head = await db('audit_chain_head').where({ id: 1 }).first();
  if (!head) {
    return { ok: false, checked: 0, reason: 'The chain head row is missing' };
  }
  const lastId = BigInt(head.last_id);
  const anchor = await readAnchor(db);

  let expectedId = anchor.firstId;
  let expectedPrev = anchor.prevHash;
  let checked = 0;
  for (;;) {
    const rows: AuditEventRow[] = await db('audit_events')
      .where('id', '>=', String(expectedId))
      .andWhere('id', '<=', String(lastId))
      .orderBy('id', 'asc')
      .limit(batchSize);
    for (const row of rows) {
      const id = BigInt(row.id);
      if (id !== expectedId) {
        const missing =
          id - expectedId === 1n
            ? `event ${expectedId} is`
            : `events ${expectedId} to ${id - 1n} are`;
        return broken(
          checked,
          id,
          `${missing} missing before it (deleted from the log)`,
        );
      }
      if (row.prev_hash !== expectedPrev) {
        return broken(
          checked,
          id,
          id === anchor.firstId
            ? 'its prev_hash does not match the chain anchor'
            : `its prev_hash does not match the hash of event ${
                id - 1n
              } (that event or this link was changed)`,
        );
      }
      if (computeEventHash(row.prev_hash, rowToFields(row)) !== row.hash) {
        return broken(
          checked,
          id,
          'its content does not match its hash (the event was changed after it was written)',
        );
      }
      expectedPrev = row.hash;
      expectedId = id + 1n;
      checked += 1;
    }
    if (rows.length < batchSize) {
      break;
    }
    // Hashing is CPU work: let the backend serve requests between batches.
    await new Promise(resolve => setImmediate(resolve));
  }

  if (expectedId <= lastId) {
    return broken(
      checked,
      expectedId,
      `events ${expectedId} to ${lastId} are missing: the chain head says the log ends at ${lastId}`,
    );
  }
  if (expectedPrev !== head.last_hash) {
    return broken(
      checked,
      lastId,
      'the chain head hash does not match the last event',
    );
  }
  const beyond = await db('audit_events')
    .select('id')
    .where('id', '>', String(lastId))
    .orderBy('id', 'asc')
    .first();
  if (beyond) {
    return broken(
      checked,
      String(beyond.id),
      'the event lies beyond the chain head (it was not written by the audit writer)',
    );
  }
  return { ok: true, checked };
}

/**
 * Recomputes the audit log's hash chain from its anchor (the latest retention checkpoint, or the
 * genesis), in id order and in batches, over one consistent snapshot of the database. Names the
 * first event whose link or content does not match and why. Used by `GET /verify` and by
 * `scripts/verify-chain.mjs`.
 *
 * @public
 */
export async function verifyAuditChain(
  db: Knex,
  options: { batchSize?: number } = {},
): Promise<AuditChainVerification> {
  const batchSize = options.batchSize ?? 1000;
  if (db.client.config.client === 'pg' || db.client.dialect === 'postgresql') {
    return db.transaction(trx => verifyInSnapshot(trx, batchSize), {
      isolationLevel: 'repeatable read',
      readOnly: true,
    });
  }
  return verifyInSnapshot(db, batchSize);
}
