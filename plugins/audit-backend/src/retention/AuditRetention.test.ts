import { mockServices } from '@backstage/backend-test-utils';
import { BoundedAuditEventQueue } from '@internal/plugin-audit-node';
import { makeRecord } from '../testing/makeRecord';
import { auditTestDatabases } from '../testing/migratedDatabase';
import { AuditStore } from '../database/AuditStore';
import { AuditRetention } from './AuditRetention';

jest.setTimeout(60_000);

const { init } = auditTestDatabases();
const logger = mockServices.logger.mock();
const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2024-06-01T00:00:00.000Z');

/** `count` events, one per hour, the last one `endDaysAgo` days before `now`. */
function hourly(count: number, endDaysAgo: number, offset = 0) {
  const end = now.getTime() - endDaysAgo * DAY;
  return Array.from({ length: count }, (_, i) =>
    makeRecord(offset + i, {
      time: new Date(end - (count - 1 - i) * 3600_000).toISOString(),
    }),
  );
}

describe('AuditRetention (PostgreSQL)', () => {
  it('deletes events older than the retention in batches, and the chain still verifies', async () => {
    const knex = await init();
    const store = new AuditStore(knex);
    // 48 events from 12 to 10 days ago, then 24 events of the last day
    await store.appendEvents(hourly(48, 10));
    await store.appendEvents(hourly(24, 0, 100));
    const queue = new BoundedAuditEventQueue({ logger });
    const retention = new AuditRetention({
      store,
      queue,
      logger,
      retentionDays: 7,
      batchSize: 10,
    });

    await expect(retention.run(now)).resolves.toEqual({
      deleted: 48,
      firstKeptId: '49',
    });
    expect(Number((await knex('audit_events').count({ n: '*' }))[0].n)).toBe(
      24,
    );
    await expect(store.verifyChain()).resolves.toEqual({
      ok: true,
      checked: 24,
    });
    expect(
      await knex('audit_chain_checkpoints').select(
        'first_kept_id',
        'deleted_count',
      ),
    ).toEqual([{ first_kept_id: '49', deleted_count: '48' }]);
    // the run is audited
    expect(queue.drain(10)).toEqual([
      expect.objectContaining({
        plugin: 'audit',
        eventId: 'retention',
        meta: expect.objectContaining({
          deleted: 48,
          firstKeptId: '49',
          retentionDays: 7,
        }),
      }),
    ]);

    // nothing more to delete; new events chain on; tampering is still noticed
    await expect(retention.run(now)).resolves.toEqual({
      deleted: 0,
      firstKeptId: '49',
    });
    await store.appendEvents([makeRecord(500)]);
    await expect(store.verifyChain()).resolves.toEqual({
      ok: true,
      checked: 25,
    });
    await knex('audit_events').where({ id: 49 }).delete();
    await expect(store.verifyChain()).resolves.toMatchObject({
      ok: false,
      firstBrokenId: '50',
    });
  });

  it('finishes a run that stopped half-way', async () => {
    const knex = await init();
    const store = new AuditStore(knex);
    await store.appendEvents(hourly(30, 10));
    await store.appendEvents(hourly(5, 0, 100));
    // a crash right after the checkpoint: nothing deleted yet
    const cut = await store.cutChainBefore(new Date(now.getTime() - 7 * DAY));
    expect(cut?.firstKeptId).toBe('31');
    await expect(store.verifyChain()).resolves.toEqual({
      ok: true,
      checked: 5,
    });

    const retention = new AuditRetention({ store, logger, retentionDays: 7 });
    await expect(retention.run(now)).resolves.toEqual({
      deleted: 30,
      firstKeptId: '31',
    });
    await expect(store.verifyChain()).resolves.toEqual({
      ok: true,
      checked: 5,
    });
  });

  it('can delete every event; the next one chains onto the anchor', async () => {
    const knex = await init();
    const store = new AuditStore(knex);
    await store.appendEvents(hourly(10, 30));
    const retention = new AuditRetention({ store, logger, retentionDays: 1 });
    await expect(retention.run(now)).resolves.toEqual({
      deleted: 10,
      firstKeptId: '11',
    });
    await expect(store.verifyChain()).resolves.toEqual({
      ok: true,
      checked: 0,
    });
    await store.appendEvents([makeRecord(1)]);
    await expect(store.verifyChain()).resolves.toEqual({
      ok: true,
      checked: 1,
    });
  });

  it('refuses a retention that is not a positive number of days', () => {
    expect(
      () =>
        new AuditRetention({
          store: {} as AuditStore,
          logger,
          retentionDays: 0,
        }),
    ).toThrow(/audit.retention.days/);
  });
});
