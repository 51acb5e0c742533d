/*
 * The audit bench (see run.sh): builds a 1,000,000-event audit log in the PostgreSQL that
 * scripts/with-postgres.sh started, then times the plugin's real query code against a naive
 * baseline. Run through the Backstage node transform (TypeScript sources of the plugins).
 * The data is in data.ts, the query mix and the baseline in queries.ts; this file runs and reports.
 */
import knexFactory from 'knex';
import { verifyAuditChain } from '@internal/plugin-audit-backend';
import {
  applyAuditMigrations,
  AuditStore,
} from '@internal/plugin-audit-backend/testUtils';
import { BoundedAuditEventQueue } from '@internal/plugin-audit-node';
import {
  AuditRedactor,
  toAuditRecord,
} from '@internal/plugin-audit-node/testUtils';
import {
  ACTIONS,
  ACTORS,
  BULK_SQL,
  ENTITIES,
  EVENTS,
  FOLLOW_UPS,
  PAGE,
  SPAN_MS,
  START,
  WRITTEN,
  prng,
  realisticRecord,
} from './data';
import {
  baselineQuery,
  ms,
  queryMix,
  summary,
  timed,
  type Query,
} from './queries';

async function main() {
  const url = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!url)
    throw new Error('run through bench/audit/run.sh (it starts PostgreSQL)');
  const admin = knexFactory({ client: 'pg', connection: url });
  await admin.raw('DROP DATABASE IF EXISTS audit_bench');
  await admin.raw('CREATE DATABASE audit_bench');
  await admin.destroy();
  const db = knexFactory({
    client: 'pg',
    connection: `${url.replace(/\/$/, '')}/audit_bench`,
    pool: { min: 1, max: 4 },
  });
  try {
    await applyAuditMigrations(db);
    const store = new AuditStore(db);

    // 1. The auditor's cost per event in the request path (conversion, redaction, enqueue).
    const redactor = new AuditRedactor(['a-config-secret-value']);
    const noop = () => {};
    const quiet = {
      error: noop,
      warn: noop,
      info: noop,
      debug: noop,
      child: () => quiet,
    };
    const queue = new BoundedAuditEventQueue({
      capacity: 10_000,
      logger: quiet,
    });
    const hotN = 100_000;
    const [, hotMs] = await timed(async () => {
      for (let i = 0; i < hotN; i++) {
        queue.enqueue(
          toAuditRecord(
            {
              plugin: 'catalog',
              eventId: 'entity-fetch',
              severityLevel: 'low',
              actor: {
                actorId: 'user:default/alice',
                ip: '10.0.0.1',
                userAgent: 'Mozilla/5.0',
              },
              request: {
                method: 'GET',
                url: `/api/catalog/entities/by-name/component/default/svc-${i}`,
              },
              meta: {
                queryType: 'by-name',
                entityRef: `component:default/svc-${i % 2000}`,
              },
              status: 'succeeded',
            },
            { requestId: 'r', redactor },
          ),
        );
        if (queue.size() >= 5000) queue.drain(5000);
      }
    });
    const auditorUs = (hotMs * 1000) / hotN;
    console.log(
      `auditor path (convert + redact + enqueue): ${auditorUs.toFixed(
        2,
      )} µs per event`,
    );

    // 2. The write path: hash-chained batches of 500 through AuditStore.appendEvents.
    const rand = prng(42);
    const batchMs: number[] = [];
    const [, writeMs] = await timed(async () => {
      for (let g = 1; g <= WRITTEN; g += 500) {
        const batch = Array.from(
          { length: Math.min(500, WRITTEN - g + 1) },
          (_, k) => realisticRecord(g + k, rand),
        );
        const [, took] = await timed(() => store.appendEvents(batch));
        batchMs.push(took);
      }
    });
    const writeRate = Math.round((WRITTEN / writeMs) * 1000);
    console.log(
      `write path: ${WRITTEN} events in batches of 500: ${writeRate} events/s (batch p99 ${ms(
        summary(batchMs).p99,
      )} ms)`,
    );

    // 3. Chain verification over those events.
    const [verification, verifyMs] = await timed(() => verifyAuditChain(db));
    if (!verification.ok)
      throw new Error(`chain broken: ${JSON.stringify(verification)}`);
    const verifyRate = Math.round((verification.checked / verifyMs) * 1000);
    console.log(
      `verify: ${verification.checked} events in ${ms(
        verifyMs,
      )} ms (${verifyRate} events/s)`,
    );

    // 4. The rest of the log, bulk-loaded with the same distributions.
    const [, loadMs] = await timed(async () => {
      await db.raw('SELECT setseed(0.42)');
      await db.raw(BULK_SQL, {
        first: WRITTEN + 1,
        last: EVENTS,
        events: EVENTS,
        start: START,
        span: SPAN_MS,
        actions: ACTIONS,
        actors: ACTORS,
        entities: ENTITIES,
      });
      await db.raw(
        `INSERT INTO audit_event_hours (hour, min_id, max_id)
         SELECT date_trunc('hour', time), min(id), max(id) FROM audit_events WHERE id > ? GROUP BY 1
         ON CONFLICT (hour) DO UPDATE SET min_id = LEAST(audit_event_hours.min_id, excluded.min_id),
                                          max_id = GREATEST(audit_event_hours.max_id, excluded.max_id)`,
        [WRITTEN],
      );
      await db('audit_chain_head').update({ last_id: EVENTS });
      await db.raw('VACUUM ANALYZE audit_events');
      await db.raw(
        'CREATE TABLE audit_events_baseline AS SELECT * FROM audit_events',
      );
      await db.raw('ALTER TABLE audit_events_baseline ADD PRIMARY KEY (id)');
      await db.raw('VACUUM ANALYZE audit_events_baseline');
    });
    const [{ n }] = await db('audit_events').count({ n: '*' });
    console.log(
      `loaded ${n} events (${EVENTS - WRITTEN} with SQL) in ${ms(
        loadMs / 1000,
      )} s`,
    );

    // 5. The query mix: first pages, then keyset follow-ups of those with more.
    const queries = queryMix();
    const run = async (
      label: string,
      one: (
        q: Query,
        page: number,
        cursor?: string,
      ) => Promise<{ rows: number; cursor?: string }>,
    ) => {
      const times: number[] = [];
      const byCategory = new Map<string, number[]>();
      for (const q of queries) {
        let cursor: string | undefined;
        for (let page = 1; page <= 1 + FOLLOW_UPS; page++) {
          const [result, took] = await timed(() => one(q, page, cursor));
          times.push(took);
          const key = page === 1 ? q.category : `${q.category} (next page)`;
          byCategory.set(key, [...(byCategory.get(key) ?? []), took]);
          if (result.rows < PAGE) break;
          cursor = result.cursor;
        }
      }
      const s = summary(times);
      console.log(
        `${label}: ${times.length} queries  p50 ${ms(s.p50)} ms  p95 ${ms(
          s.p95,
        )} ms  p99 ${ms(s.p99)} ms  max ${ms(s.max)} ms`,
      );
      return { times, s, byCategory };
    };

    const plugin = async (q: Query, _page: number, cursor?: string) => {
      const items = await store.listEvents(q.filter, {
        beforeId: cursor,
        limit: PAGE,
      });
      return { rows: items.length, cursor: items[items.length - 1]?.id };
    };
    const baseline = async (q: Query, page: number) => {
      const rows = await baselineQuery(db, q.filter, page);
      return { rows: rows.length };
    };

    // warm both tables' caches the same way, then measure
    for (const q of queries.slice(0, 40)) {
      await plugin(q, 1);
      await baseline(q, 1);
    }
    const measured = await run('AuditStore (keyset, filter indexes)', plugin);
    const base = await run('baseline (OFFSET, no filter indexes)', baseline);

    console.log('AuditStore p99 by kind of query:');
    for (const [category, times] of [...measured.byCategory].sort()) {
      const s = summary(times);
      console.log(
        `  ${category.padEnd(32)} n=${String(times.length).padStart(
          3,
        )}  p50 ${ms(s.p50)} ms  p99 ${ms(s.p99)} ms`,
      );
    }
    const speedup = base.s.p99 / measured.s.p99;
    console.log(`baseline p99 / AuditStore p99: ${speedup.toFixed(1)}x`);

    console.log(
      JSON.stringify({
        events: Number(n),
        queries: measured.times.length,
        query_p50_ms: ms(measured.s.p50),
        query_p95_ms: ms(measured.s.p95),
        query_p99_ms: ms(measured.s.p99),
        baseline: 'offset-pagination-no-filter-indexes',
        baseline_p50_ms: ms(base.s.p50),
        baseline_p95_ms: ms(base.s.p95),
        baseline_p99_ms: ms(base.s.p99),
        baseline_over_query_p99: Math.round(speedup * 10) / 10,
        write_events_per_s: writeRate,
        verify_events_per_s: verifyRate,
        auditor_us_per_event: Math.round(auditorUs * 100) / 100,
      }),
    );
  } finally {
    await db.destroy();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
