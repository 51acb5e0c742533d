import { mockServices } from '@backstage/backend-test-utils';
import {
  BoundedAuditEventQueue,
  type AuditEventQueue,
  type AuditRecord,
} from '@internal/plugin-audit-node';
import { waitFor } from '@internal/plugin-portico-node/testUtils';
import knexFactory, { type Knex } from 'knex';
import { makeRecord } from '../testing/makeRecord';
import { auditTestDatabases } from '../testing/migratedDatabase';
import {
  canStartPrivatePostgres,
  startPrivatePostgres,
} from '../testing/privatePostgres';
import { applyAuditMigrations, AuditStore } from '../database/AuditStore';
import { AuditWriter } from './AuditWriter';

jest.setTimeout(60_000);

const logger = mockServices.logger.mock();

/** Waits until `probe` holds, polling often: the writer's interval here is a few milliseconds. */
const until = (what: string, probe: () => boolean) =>
  waitFor(what, probe, { intervalMs: 20 });

/** A store that can be made to fail, recording what it stored. */
function fakeStore() {
  const stored: AuditRecord[] = [];
  const state = {
    down: false,
    failFor: (_r: AuditRecord): unknown => undefined,
  };
  return {
    stored,
    state,
    async appendEvents(records: AuditRecord[]) {
      if (state.down) {
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
          code: 'ECONNREFUSED',
        });
      }
      for (const record of records) {
        const error = state.failFor(record);
        if (error) throw error;
      }
      stored.push(...records);
      return { firstId: '1', lastId: String(records.length) };
    },
  };
}

function queueOf(capacity = 10_000): AuditEventQueue {
  return new BoundedAuditEventQueue({ capacity, logger });
}

const fast = { intervalMs: 10, initialBackoffMs: 10, maxBackoffMs: 50 };

describe('AuditWriter', () => {
  it('writes a partial batch on the timer and a full batch at once', async () => {
    const store = fakeStore();
    const queue = queueOf();
    const writer = new AuditWriter({
      queue,
      store,
      logger,
      batchSize: 5,
      intervalMs: 60_000,
    });
    writer.start();
    for (let i = 1; i <= 5; i++) queue.enqueue(makeRecord(i));
    await until('5 records stored', () => store.stored.length === 5);
    queue.enqueue(makeRecord(6));
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(store.stored).toHaveLength(5);
    await writer.stop();
    expect(store.stored.map(r => r.requestId)).toEqual([
      'req-1',
      'req-2',
      'req-3',
      'req-4',
      'req-5',
      'req-6',
    ]);
  });

  it('keeps events while the store is down and writes them, in order, when it is back', async () => {
    const store = fakeStore();
    const queue = queueOf();
    const writer = new AuditWriter({
      queue,
      store,
      logger,
      batchSize: 7,
      ...fast,
    });
    writer.start();
    store.state.down = true;
    for (let i = 1; i <= 50; i++) queue.enqueue(makeRecord(i));
    await until(
      'the write to fail',
      () => queue.status().lastError !== undefined,
    );
    expect(queue.status()).toMatchObject({
      buffered: 50,
      written: 0,
      lastError: 'connect ECONNREFUSED 127.0.0.1:5432',
    });
    store.state.down = false;
    await until('50 records stored', () => store.stored.length === 50);
    await writer.stop();
    expect(store.stored.map(r => r.requestId)).toEqual(
      Array.from({ length: 50 }, (_, i) => `req-${i + 1}`),
    );
    expect(queue.status()).toEqual(
      expect.objectContaining({ buffered: 0, written: 50, dropped: 0 }),
    );
    expect(queue.status().lastError).toBeUndefined();
  });

  it('when the buffer overflows during an outage, drops the oldest and records how many', async () => {
    const store = fakeStore();
    const queue = queueOf(10);
    const writer = new AuditWriter({
      queue,
      store,
      logger,
      batchSize: 4,
      ...fast,
    });
    store.state.down = true;
    writer.start();
    for (let i = 1; i <= 25; i++) queue.enqueue(makeRecord(i));
    await until(
      'the write to fail',
      () => queue.status().lastError !== undefined,
    );
    expect(queue.status()).toMatchObject({ buffered: 10, dropped: 15 });
    store.state.down = false;
    await until('11 records stored', () => store.stored.length === 11);
    await writer.stop();

    const [dropped, ...kept] = store.stored;
    expect(dropped).toMatchObject({
      plugin: 'audit',
      eventId: 'events-dropped',
      outcome: 'failed',
      severity: 'high',
      actorType: 'service',
      meta: expect.objectContaining({ count: 15, capacity: 10 }),
    });
    expect(kept.map(r => r.requestId)).toEqual(
      Array.from({ length: 10 }, (_, i) => `req-${i + 16}`),
    );
  });

  it('a flood of low events during an outage never drops the record of a sensitive action', async () => {
    const store = fakeStore();
    const queue = queueOf(10);
    const writer = new AuditWriter({
      queue,
      store,
      logger,
      batchSize: 4,
      ...fast,
    });
    store.state.down = true;
    writer.start();
    const sensitive = makeRecord(0, {
      eventId: 'sync',
      severity: 'high',
      requestId: 'sync-1',
    });
    const stored = queue.enqueueDurable(sensitive);
    for (let i = 1; i <= 50; i++) queue.enqueue(makeRecord(i));
    await until('40 records dropped', () => queue.status().dropped === 40);
    store.state.down = false;
    await stored;
    await until('12 records stored', () => store.stored.length === 12);
    await writer.stop();
    expect(store.stored.map(r => r.requestId)).toContain('sync-1');
    expect(
      store.stored.find(r => r.eventId === 'events-dropped')?.meta,
    ).toMatchObject({ count: 40 });
  });

  it('answers a sensitive action only after its record is stored, and refuses it (503) when the store stays down', async () => {
    const store = fakeStore();
    const queue = new BoundedAuditEventQueue({
      capacity: 100,
      logger,
      durableTimeoutMs: 300,
    });
    // A long interval: only the urgent path writes the record quickly.
    const writer = new AuditWriter({
      queue,
      store,
      logger,
      intervalMs: 60_000,
    });
    writer.start();
    const record = makeRecord(1, {
      severity: 'medium',
      eventId: 'location-mutate',
    });
    const started = Date.now();
    await queue.enqueueDurable(record);
    expect(store.stored).toContain(record);
    expect(Date.now() - started).toBeLessThan(1000);

    store.state.down = true;
    await expect(
      queue.enqueueDurable(
        makeRecord(2, { severity: 'high', eventId: 'sync' }),
      ),
    ).rejects.toThrow(
      /catalog\.sync could not be stored within 0\.3 s \(connect ECONNREFUSED 127\.0\.0\.1:5432\); it stays queued/,
    );
    store.state.down = false;
    await until('the sync record stored', () =>
      store.stored.some(r => r.eventId === 'sync'),
    );
    await writer.stop();
  });

  it('stores an event the database refuses for its content without its metadata', async () => {
    const store = fakeStore();
    store.state.failFor = record =>
      record.requestId === 'req-2' &&
      record.meta &&
      !('unstorable' in record.meta)
        ? Object.assign(new Error('unsupported Unicode escape sequence'), {
            code: '22P05',
          })
        : undefined;
    const queue = queueOf();
    const writer = new AuditWriter({ queue, store, logger, ...fast });
    [1, 2, 3].forEach(i => queue.enqueue(makeRecord(i)));
    await expect(writer.flush()).resolves.toBe(true);
    expect(store.stored.map(r => [r.requestId, r.meta])).toEqual([
      ['req-1', { n: 1, queryType: 'by-name' }],
      ['req-2', { unstorable: 'unsupported Unicode escape sequence' }],
      ['req-3', { n: 3, queryType: 'by-name' }],
    ]);
  });

  it('flushes on stop, and gives up after the timeout when the store stays down', async () => {
    const store = fakeStore();
    const queue = queueOf();
    const writer = new AuditWriter({
      queue,
      store,
      logger,
      intervalMs: 60_000,
    });
    writer.start();
    [1, 2, 3].forEach(i => queue.enqueue(makeRecord(i)));
    await writer.stop({ timeoutMs: 2000 });
    expect(store.stored).toHaveLength(3);

    const down = fakeStore();
    down.state.down = true;
    const queue2 = queueOf();
    const writer2 = new AuditWriter({
      queue: queue2,
      store: down,
      logger,
      intervalMs: 60_000,
    });
    writer2.start();
    queue2.enqueue(makeRecord(1));
    const started = Date.now();
    await writer2.stop({ timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining('1 audit event(s) not written'),
    );
  });
});

describe('AuditWriter on PostgreSQL', () => {
  const { init } = auditTestDatabases();

  it('loses nothing when its connections are killed and refused for a while', async () => {
    const admin = await init();
    const dbName = (admin.client.config.connection as { database: string })
      .database;
    const writerDb = knexFactory({
      ...admin.client.config,
      pool: { min: 0, max: 3, acquireTimeoutMillis: 2000 },
    });
    const other = knexFactory({
      ...admin.client.config,
      connection: {
        ...(admin.client.config.connection as object),
        database: 'postgres',
      },
    });
    const queue = queueOf();
    const writer = new AuditWriter({
      queue,
      store: new AuditStore(writerDb),
      logger,
      batchSize: 20,
      ...fast,
    });
    writer.start();
    try {
      for (let i = 1; i <= 100; i++) queue.enqueue(makeRecord(i));
      await until('100 records written', () => queue.status().written === 100);

      await other.raw(`ALTER DATABASE ?? ALLOW_CONNECTIONS false`, [dbName]);
      await other.raw(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()`,
        [dbName],
      );
      for (let i = 101; i <= 300; i++) queue.enqueue(makeRecord(i));
      await until(
        'the write to fail',
        () => queue.status().lastError !== undefined,
      );
      expect(queue.status().written).toBe(100);

      await other.raw(`ALTER DATABASE ?? ALLOW_CONNECTIONS true`, [dbName]);
      await until('300 records written', () => queue.status().written === 300);
    } finally {
      await other.raw(`ALTER DATABASE ?? ALLOW_CONNECTIONS true`, [dbName]);
      await writer.stop();
    }

    const reader = knexFactory(admin.client.config);
    const rows = await reader('audit_events')
      .select('request_id')
      .orderBy('id');
    expect(rows.map(r => r.request_id)).toEqual(
      Array.from({ length: 300 }, (_, i) => `req-${i + 1}`),
    );
    await expect(new AuditStore(reader).verifyChain()).resolves.toEqual({
      ok: true,
      checked: 300,
    });
    await Promise.all([reader.destroy(), writerDb.destroy(), other.destroy()]);
  });

  it('keeps one valid chain with two writers (two replicas) on one database', async () => {
    const first = await init();
    const second = knexFactory(first.client.config);
    const queues = [queueOf(), queueOf()];
    const writers = [
      new AuditWriter({
        queue: queues[0],
        store: new AuditStore(first),
        logger,
        batchSize: 13,
        ...fast,
      }),
      new AuditWriter({
        queue: queues[1],
        store: new AuditStore(second),
        logger,
        batchSize: 17,
        ...fast,
      }),
    ];
    writers.forEach(w => w.start());
    for (let i = 0; i < 1000; i++) {
      queues[i % 2].enqueue(makeRecord(i, { requestId: `w${i % 2}-${i}` }));
      if (i % 100 === 0) await new Promise(resolve => setImmediate(resolve));
    }
    await until('every queue to write 500', () =>
      queues.every(q => q.status().written === 500),
    );
    await Promise.all(writers.map(w => w.stop()));

    await expect(new AuditStore(first).verifyChain()).resolves.toEqual({
      ok: true,
      checked: 1000,
    });
    // each writer's events keep their own order
    const rows = await first('audit_events').select('request_id').orderBy('id');
    for (const w of ['w0', 'w1']) {
      const mine = rows.map(r => r.request_id).filter(id => id.startsWith(w));
      expect(mine).toEqual(
        Array.from({ length: 500 }, (_, k) => `${w}-${k * 2 + Number(w[1])}`),
      );
    }
    await second.destroy();
  });
});

// Needs the PostgreSQL binaries (pg_ctl) to run a server of its own that it can stop.
const describeWithPgCtl = canStartPrivatePostgres ? describe : describe.skip;
describeWithPgCtl('AuditWriter across a PostgreSQL restart', () => {
  it('loses nothing across a real PostgreSQL restart (pg_ctl stop, start)', async () => {
    const server = await startPrivatePostgres();
    let db: Knex | undefined;
    const queue = queueOf();
    let writer: AuditWriter | undefined;
    try {
      db = knexFactory({
        client: 'pg',
        connection: server.connection,
        pool: { min: 0, max: 3, acquireTimeoutMillis: 2000 },
      });
      await applyAuditMigrations(db);
      writer = new AuditWriter({
        queue,
        store: new AuditStore(db),
        logger,
        batchSize: 25,
        ...fast,
      });
      writer.start();
      for (let i = 1; i <= 50; i++) queue.enqueue(makeRecord(i));
      await until('50 records written', () => queue.status().written === 50);

      await server.stop();
      for (let i = 51; i <= 250; i++) queue.enqueue(makeRecord(i));
      await until(
        'the write to fail',
        () => queue.status().lastError !== undefined,
      );
      await new Promise(resolve => setTimeout(resolve, 300));
      expect(queue.status()).toMatchObject({ written: 50, buffered: 200 });

      await server.start();
      await waitFor(
        '250 records written',
        () => queue.status().written === 250,
        { intervalMs: 20, timeoutMs: 30_000 },
      );
      const rows = await db('audit_events').select('request_id').orderBy('id');
      expect(rows.map(r => r.request_id)).toEqual(
        Array.from({ length: 250 }, (_, i) => `req-${i + 1}`),
      );
      await expect(new AuditStore(db).verifyChain()).resolves.toEqual({
        ok: true,
        checked: 250,
      });
    } finally {
      await writer?.stop({ timeoutMs: 500 });
      await db?.destroy();
      await server.destroy();
    }
  });
});
