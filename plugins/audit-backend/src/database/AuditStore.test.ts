import type { TestDatabaseId } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { makeRecord } from '../testing/makeRecord';
import { auditTestDatabases } from '../testing/migratedDatabase';
import { AuditStore } from './AuditStore';

jest.setTimeout(60_000);

const { databases, init } = auditTestDatabases(['POSTGRES_15', 'SQLITE_3']);

async function seed(store: AuditStore) {
  // 30 events: alice/bob alternate, every third fails, two entities, two plugins
  await store.appendEvents(
    Array.from({ length: 30 }, (_, i) =>
      makeRecord(i + 1, {
        actorId: i % 2 === 0 ? 'user:default/alice' : 'plugin:scaffolder',
        actorType: i % 2 === 0 ? 'user' : 'service',
        plugin: i < 20 ? 'catalog' : 'scaffolder',
        eventId: i < 20 ? 'entity-fetch' : 'task',
        outcome: i % 3 === 0 ? 'failed' : 'succeeded',
        entityRef:
          i % 5 === 0 ? 'component:default/checkout' : 'component:default/web',
      }),
    ),
  );
}

describe.each(databases.eachSupportedId())(
  'AuditStore on %s',
  (id: TestDatabaseId) => {
    let knex: Knex;
    let store: AuditStore;

    beforeAll(async () => {
      knex = await init(id);
      store = new AuditStore(knex);
      await seed(store);
    });

    it('numbers and chains appended events and reads them back unchanged', async () => {
      const event = await store.getEvent('1');
      expect(event).toEqual({
        id: '1',
        time: '2024-05-01T00:00:01.000Z',
        plugin: 'catalog',
        eventId: 'entity-fetch',
        action: 'catalog.entity-fetch',
        severity: 'low',
        outcome: 'failed',
        actor: { id: 'user:default/alice', type: 'user' },
        entityRef: 'component:default/checkout',
        requestId: 'req-1',
        request: { method: 'GET', url: '/api/catalog/entities/1' },
        meta: { n: 1, queryType: 'by-name' },
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        prevHash: '0'.repeat(64),
      });
      const second = await store.getEvent('2');
      expect(second?.prevHash).toBe(event?.hash);
      expect(await store.getEvent('31')).toBeUndefined();
      await expect(store.verifyChain()).resolves.toEqual({
        ok: true,
        checked: 30,
      });
    });

    it.each([
      [{}, 30],
      [{ actor: 'user:default/alice' }, 15],
      [{ action: 'scaffolder.task' }, 10],
      [{ plugin: 'catalog' }, 20],
      [{ entityRef: 'component:default/checkout' }, 6],
      [{ outcome: 'failed' as const }, 10],
      [
        {
          actor: 'plugin:scaffolder',
          outcome: 'failed' as const,
          plugin: 'scaffolder',
        },
        2,
      ],
      [
        {
          from: new Date('2024-05-01T00:00:10.000Z'),
          to: new Date('2024-05-01T00:00:20.000Z'),
        },
        10,
      ],
      [{ actor: 'user:default/nobody' }, 0],
    ])(
      'filters %j → %d events, newest first, paged by id',
      async (filter, expected) => {
        const all = await store.listEvents(filter, { limit: 100 });
        expect(all).toHaveLength(expected);
        const ids = all.map(e => Number(e.id));
        expect(ids).toEqual([...ids].sort((a, b) => b - a));

        // the same events through pages of 4 with the id cursor
        const paged: string[] = [];
        let beforeId: string | undefined;
        for (;;) {
          const page = await store.listEvents(filter, { beforeId, limit: 4 });
          paged.push(...page.map(e => e.id));
          if (page.length < 4) break;
          beforeId = page[page.length - 1].id;
        }
        expect(paged).toEqual(all.map(e => e.id));
      },
    );

    it('finds exactly the events of a time window, also when they were written late', async () => {
      const late = new AuditStore(await init(id));
      // 300 events over 5 hours, written in an order that is not their time order
      const order = Array.from({ length: 300 }, (_, i) => (i * 7919) % 300);
      const times = new Map<string, number>();
      for (let b = 0; b < 300; b += 50) {
        await late.appendEvents(
          order.slice(b, b + 50).map(n => {
            const time = Date.UTC(2024, 4, 1, 0, 0, 0) + n * 60_000;
            times.set(`t-${n}`, time);
            return makeRecord(n, {
              requestId: `t-${n}`,
              time: new Date(time).toISOString(),
            });
          }),
        );
      }
      const all = await late.listEvents({}, { limit: 1000 });
      for (const [fromMin, toMin] of [
        [0, 300],
        [10, 20],
        [59, 61],
        [119, 240],
        [299, 400],
        [400, 500],
      ]) {
        const from = new Date(Date.UTC(2024, 4, 1) + fromMin * 60_000);
        const to = new Date(Date.UTC(2024, 4, 1) + toMin * 60_000);
        const expected = all
          .filter(e => {
            const t = times.get(e.requestId)!;
            return t >= from.getTime() && t < to.getTime();
          })
          .map(e => e.id);
        const found = await late.listEvents({ from, to }, { limit: 1000 });
        expect(found.map(e => e.id)).toEqual(expected);
        const fromOnly = await late.listEvents({ from }, { limit: 1000 });
        expect(fromOnly.map(e => e.id)).toEqual(
          all
            .filter(e => times.get(e.requestId)! >= from.getTime())
            .map(e => e.id),
        );
      }
    });

    it('keeps concurrent appends on one chain', async () => {
      const fresh = new AuditStore(await init(id));
      await Promise.all(
        Array.from({ length: 8 }, (_w, w) =>
          fresh.appendEvents(
            Array.from({ length: 5 }, (_i, i) => makeRecord(w * 5 + i)),
          ),
        ),
      );
      await expect(fresh.verifyChain()).resolves.toEqual({
        ok: true,
        checked: 40,
      });
    });
  },
);

describe('AuditStore on POSTGRES_15, query plans', () => {
  let knex: Knex;
  let store: AuditStore;

  beforeAll(async () => {
    knex = await init('POSTGRES_15');
    store = new AuditStore(knex);
    // 50 000 rows over 200 actors, 40 actions, 2000 entities, 30 days; failures (1 %), one
    // plugin (0.2 %) and one action (0.25 %) are rare.
    await knex.raw(`
      INSERT INTO audit_events (id, time, plugin, event_id, action, severity, outcome, actor_id,
        actor_type, entity_ref, request_id, meta, prev_hash, hash)
      SELECT g, timestamptz '2024-05-01' + g * interval '50 seconds',
        CASE WHEN g % 500 = 0 THEN 'rare' ELSE 'p' || (g % 5) END,
        'e' || (g % 8),
        CASE WHEN g % 400 = 0 THEN 'rare.action' ELSE 'p' || (g % 5) || '.e' || (g % 8) END,
        'low',
        CASE WHEN g % 100 = 0 THEN 'failed' WHEN g % 2 = 0 THEN 'initiated' ELSE 'succeeded' END,
        'user:default/u' || (g % 200), 'user',
        'component:default/c' || (g % 2000), 'r' || g, '{}'::jsonb, '', ''
      FROM generate_series(1, 50000) AS g`);
    await knex.raw(`INSERT INTO audit_event_hours (hour, min_id, max_id)
      SELECT date_trunc('hour', time), min(id), max(id) FROM audit_events GROUP BY 1`);
    await knex('audit_chain_head').update({ last_id: 50000 });
    await knex.raw('ANALYZE audit_events');
  });

  async function plan(
    filter: Parameters<AuditStore['listEvents']>[0],
    beforeId?: string,
  ) {
    // Catch the store's query as it runs, then EXPLAIN it.
    const queries: { sql: string; bindings: unknown[] }[] = [];
    const listener = (q: { sql: string; bindings: unknown[] }) =>
      queries.push(q);
    knex.on('query', listener);
    await store.listEvents(filter, { beforeId, limit: 50 });
    knex.off('query', listener);
    const { sql, bindings } = queries[queries.length - 1];
    const result = await knex.raw(
      `EXPLAIN ${sql.replace(/\$\d+/g, '?')}`,
      bindings as Knex.RawBinding[],
    );
    return result.rows
      .map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN'])
      .join('\n');
  }

  it.each([
    [{ actor: 'user:default/u7' }, 'audit_events_actor_id_idx'],
    [{ action: 'rare.action' }, 'audit_events_action_id_idx'],
    [{ entityRef: 'component:default/c42' }, 'audit_events_entity_ref_id_idx'],
    [{ plugin: 'rare' }, 'audit_events_plugin_id_idx'],
    [{ outcome: 'failed' as const }, 'audit_events_outcome_id_idx'],
  ])('%j uses %s, also after a cursor', async (filter, index) => {
    expect(await plan(filter)).toContain(index);
    expect(await plan(filter, '30000')).toContain(index);
  });

  it.each([
    [{ action: 'p1.e3' }],
    [{ plugin: 'p2' }],
    [{ outcome: 'initiated' as const }],
    [{}],
  ])('%j (a common value) never scans the whole table', async filter => {
    for (const explained of [await plan(filter), await plan(filter, '30000')]) {
      expect(explained).not.toContain('Seq Scan');
      expect(explained).toMatch(/Index Scan Backward|Index Only Scan Backward/);
    }
  });

  it('a time window becomes an id range of the primary key or of a filter index', async () => {
    const window = {
      from: new Date('2024-05-10T00:00:00Z'),
      to: new Date('2024-05-10T06:00:00Z'),
    };
    const alone = await plan(window);
    expect(alone).toContain('audit_events_pkey');
    expect(alone).toMatch(
      /Index Cond: \(\(id >= '\d+'::bigint\) AND \(id <= '\d+'::bigint\)\)/,
    );
    const withActor = await plan({ ...window, actor: 'user:default/u7' });
    expect(withActor).toContain('audit_events_actor_id_idx');
    expect(withActor).not.toContain('Seq Scan');
  });
});
