import type { Knex } from 'knex';
import { makeRecord } from '../testing/makeRecord';
import { auditTestDatabases } from '../testing/migratedDatabase';
import { AuditStore } from '../database/AuditStore';
import { verifyAuditChain } from './verifyChain';

jest.setTimeout(60_000);

const { init } = auditTestDatabases();

describe('verifyAuditChain (PostgreSQL)', () => {
  let knex: Knex;
  let store: AuditStore;

  beforeEach(async () => {
    knex = await init();
    store = new AuditStore(knex);
    await store.appendEvents(
      Array.from({ length: 20 }, (_, i) => makeRecord(i + 1)),
    );
  });

  it('passes on an untouched log, in any batch size', async () => {
    await expect(verifyAuditChain(knex)).resolves.toEqual({
      ok: true,
      checked: 20,
    });
    await expect(verifyAuditChain(knex, { batchSize: 3 })).resolves.toEqual({
      ok: true,
      checked: 20,
    });
  });

  it('passes on an empty log', async () => {
    await expect(verifyAuditChain(await init())).resolves.toEqual({
      ok: true,
      checked: 0,
    });
  });

  it('names an event whose metadata was changed with SQL', async () => {
    await knex.raw(
      `UPDATE audit_events SET meta = jsonb_set(meta, '{queryType}', '"tampered"') WHERE id = 7`,
    );
    await expect(verifyAuditChain(knex, { batchSize: 4 })).resolves.toEqual({
      ok: false,
      checked: 6,
      firstBrokenId: '7',
      reason: expect.stringContaining('does not match its hash'),
    });
  });

  it('names an event whose hash was recomputed after a change, by the next link', async () => {
    await knex('audit_events')
      .where({ id: 7 })
      .update({ hash: 'f'.repeat(64) });
    const result = await verifyAuditChain(knex);
    expect(result).toMatchObject({ ok: false, firstBrokenId: '7' });
  });

  it('names the event after a deleted one', async () => {
    await knex('audit_events').where({ id: 12 }).delete();
    await expect(verifyAuditChain(knex)).resolves.toEqual({
      ok: false,
      checked: 11,
      firstBrokenId: '13',
      reason: 'event 12 is missing before it (deleted from the log)',
    });
  });

  it('notices deleted events at the end and the very first event missing', async () => {
    await knex('audit_events').where('id', '>=', 19).delete();
    await expect(verifyAuditChain(knex)).resolves.toMatchObject({
      ok: false,
      checked: 18,
      firstBrokenId: '19',
      reason: expect.stringContaining('the chain head says the log ends at 20'),
    });

    const other = await init();
    await new AuditStore(other).appendEvents([makeRecord(1), makeRecord(2)]);
    await other('audit_events').where({ id: 1 }).delete();
    await expect(verifyAuditChain(other)).resolves.toMatchObject({
      ok: false,
      firstBrokenId: '2',
    });
  });

  it('notices a row inserted behind the writer', async () => {
    const row = await knex('audit_events').where({ id: 20 }).first();
    await knex('audit_events').insert({ ...row, id: 21 });
    await expect(verifyAuditChain(knex)).resolves.toMatchObject({
      ok: false,
      firstBrokenId: '21',
    });
  });
});
