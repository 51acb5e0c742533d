/*
 * The audit bench (see run.sh): builds a 1,000,000-event audit log in the PostgreSQL that
 * scripts/with-postgres.sh started, then times the plugin's real query code against a naive
 * baseline. Run through the Backstage node transform (TypeScript sources of the plugins).
 */
import knexFactory, { type Knex } from 'knex';
import { performance } from 'node:perf_hooks';
import { verifyAuditChain } from '../../plugins/audit-backend/src/chain/verifyChain';
import {
  applyAuditMigrations,
  AuditStore,
  whereAuditFilter,
  type AuditQueryFilter,
} from '../../plugins/audit-backend/src/database/AuditStore';
import type { AuditRecord } from '../../plugins/audit-node/src/AuditRecord';
import { toAuditRecord } from '../../plugins/audit-node/src/auditor/toAuditRecord';
import { BoundedAuditEventQueue } from '../../plugins/audit-node/src/queue/BoundedAuditEventQueue';
import { AuditRedactor } from '../../plugins/audit-node/src/redaction/AuditRedactor';

const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
/** Events written through the real write path (hash chain); the rest is bulk-loaded with SQL. */
const WRITTEN = Math.min(100_000, Math.floor(EVENTS / 10));
const PAGE = 50;
const FOLLOW_UPS = 3;
const START = Date.parse('2025-01-01T00:00:00.000Z');
const SPAN_MS = 30 * 24 * 3600_000;

// ---- the data's domains: ~200 actors, 40 actions, ~2,000 entities, 3 outcomes, 30 days ----
const SERVICE_ACTORS = [
  'plugin:catalog',
  'plugin:scaffolder',
  'plugin:search',
  'plugin:kubernetes',
  'plugin:techdocs',
  'plugin:notifications',
  'plugin:signals',
  'plugin:permission',
  'plugin:auth',
  'plugin:proxy',
  'plugin:app',
  'plugin:mcp-actions',
  'plugin:user-settings',
  'plugin:audit',
  'external:ci',
  'external:argocd',
  'external:backstage-cli',
  'external:grafana',
  'external:pagerduty',
  'external:renovate',
];
const ACTORS = Array.from({ length: 200 }, (_, i) =>
  i < SERVICE_ACTORS.length ? SERVICE_ACTORS[i] : `user:default/user-${i}`,
);
// Most frequent first (the draw is skewed towards low indexes).
const ACTIONS = [
  'catalog.entity-fetch',
  'catalog.entity-facets',
  'kubernetes.resource-fetch',
  'catalog.location-fetch',
  'scaffolder.task',
  'catalog.entity-mutate',
  'search.query',
  'techdocs.docs-fetch',
  'kubernetes.cluster-fetch',
  'catalog.entity-validate',
  'scaffolder.template-parameter-schema',
  'scaffolder.action-fetch',
  'catalog.location-analyze',
  'catalog.location-mutate',
  'notifications.notification-send',
  'signals.subscribe',
  'permission.policy-decision',
  'auth.session-refresh',
  'auth.sign-in',
  'proxy.request',
  'kubernetes.pod-logs',
  'kubernetes.workload-restart',
  'scaffolder.task-cancel',
  'scaffolder.task-retry',
  'scaffolder.dry-run',
  'catalog.entity-ancestry',
  'catalog.entity-refresh',
  'techdocs.sync',
  'search.collate',
  'user-settings.update',
  'mcp-actions.invoke',
  'argocd.application-sync',
  'argocd.application-refresh',
  'observability.logs-read',
  'provisioning.run-create',
  'portico.secret-create',
  'portico.secret-read',
  'audit.audit-log-read',
  'audit.retention',
  'audit.events-dropped',
];
const KINDS = [
  'component',
  'component',
  'component',
  'api',
  'resource',
  'system',
  'group',
  'template',
];
const ENTITIES = Array.from(
  { length: 2000 },
  (_, i) => `${KINDS[i % 8]}:${i % 10 === 0 ? 'platform' : 'default'}/svc-${i}`,
);

/** Deterministic PRNG (mulberry32), so every run queries the same values. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The same draws in TypeScript (write path) and SQL (bulk load).
const draw = {
  actor: (g: number, rActor: number, rLocal: number) =>
    rLocal < 0.3
      ? (Math.floor(((g - 1) * 30) / EVENTS) * 7 + Math.floor(rActor * 10)) %
        200
      : Math.floor(200 * rActor ** 2.5),
  action: (r: number) => Math.floor(40 * r ** 3),
  entity: (r: number) => Math.floor(2000 * r ** 1.5),
  outcome: (r: number) =>
    r < 0.5 ? 'initiated' : r < 0.97 ? 'succeeded' : 'failed',
  timeMs: (g: number, rJitter: number) =>
    START +
    Math.floor(((g - 1) * SPAN_MS) / EVENTS) +
    Math.floor(rJitter * 2000),
};

function realisticRecord(g: number, rand: () => number): AuditRecord {
  const anonymous = rand() < 0.01;
  const actorId = ACTORS[draw.actor(g, rand(), rand())];
  const action = ACTIONS[draw.action(rand())];
  const [plugin, eventId] = action.split('.');
  const entityRef = rand() < 0.8 ? ENTITIES[draw.entity(rand())] : undefined;
  const outcome = draw.outcome(rand()) as AuditRecord['outcome'];
  return {
    time: new Date(draw.timeMs(g, rand())).toISOString(),
    plugin,
    eventId,
    severity: eventId.includes('mutate') ? 'medium' : 'low',
    outcome,
    ...(anonymous
      ? { actorType: 'anonymous' as const }
      : {
          actorId,
          actorType: actorId.startsWith('user:')
            ? ('user' as const)
            : ('service' as const),
        }),
    ip: `10.0.${g % 250}.${g % 199}`,
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Backstage',
    entityRef,
    requestId: `00000000-0000-4000-8000-${String(g).padStart(12, '0')}`,
    requestMethod: 'GET',
    requestUrl: `/api/${plugin}/${eventId}`,
    meta: { queryType: eventId, n: g % 17 },
    error: outcome === 'failed' ? 'NotAllowedError: not allowed' : undefined,
  };
}

const BULK_SQL = `
WITH r AS (
  SELECT g, random() AS r_anon, random() AS r_actor, random() AS r_local, random() AS r_action,
         random() AS r_has, random() AS r_entity, random() AS r_outcome, random() AS r_jitter
  FROM generate_series(:first::bigint, :last::bigint) AS g
), d AS (
  SELECT g, r_anon, r_has, r_jitter,
    CASE WHEN r_local < 0.3
      THEN ((floor((g - 1) * 30.0 / :events) * 7 + floor(r_actor * 10))::int % 200)
      ELSE floor(200 * power(r_actor, 2.5))::int END AS actor_idx,
    floor(40 * power(r_action, 3))::int AS action_idx,
    floor(2000 * power(r_entity, 1.5))::int AS entity_idx,
    CASE WHEN r_outcome < 0.5 THEN 'initiated' WHEN r_outcome < 0.97 THEN 'succeeded' ELSE 'failed' END AS outcome
  FROM r
)
INSERT INTO audit_events (id, time, plugin, event_id, action, severity, outcome, actor_id,
  actor_type, ip, user_agent, entity_ref, request_id, request_method, request_url, meta, error,
  prev_hash, hash)
SELECT g,
  to_timestamp((:start::bigint + floor((g - 1) * :span::numeric / :events) + floor(r_jitter * 2000)) / 1000.0),
  split_part((:actions::text[])[action_idx + 1], '.', 1),
  split_part((:actions::text[])[action_idx + 1], '.', 2),
  (:actions::text[])[action_idx + 1],
  CASE WHEN (:actions::text[])[action_idx + 1] LIKE '%mutate%' THEN 'medium' ELSE 'low' END,
  outcome,
  CASE WHEN r_anon < 0.01 THEN NULL ELSE (:actors::text[])[actor_idx + 1] END,
  CASE WHEN r_anon < 0.01 THEN 'anonymous'
       WHEN (:actors::text[])[actor_idx + 1] LIKE 'user:%' THEN 'user' ELSE 'service' END,
  '10.0.' || (g % 250) || '.' || (g % 199),
  'Mozilla/5.0 (X11; Linux x86_64) Backstage',
  CASE WHEN r_has < 0.8 THEN (:entities::text[])[entity_idx + 1] END,
  '00000000-0000-4000-8000-' || lpad(g::text, 12, '0'),
  'GET',
  '/api/' || replace((:actions::text[])[action_idx + 1], '.', '/'),
  jsonb_build_object('queryType', split_part((:actions::text[])[action_idx + 1], '.', 2), 'n', g % 17),
  CASE WHEN outcome = 'failed' THEN 'NotAllowedError: not allowed' END,
  md5(g::text) || md5((g - 1)::text),
  md5((g + 1)::text) || md5(g::text)
FROM d`;

// ---- measuring ----
function percentile(sorted: number[], q: number) {
  return sorted.length
    ? sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]
    : NaN;
}
function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1],
  };
}
const ms = (n: number) => Math.round(n * 100) / 100;

interface Query {
  category: string;
  filter: AuditQueryFilter;
}

function queryMix(): Query[] {
  const rand = prng(7);
  const weighted = <T>(values: T[], index: (r: number) => number) =>
    rand() < 0.5
      ? values[index(rand())]
      : values[Math.floor(rand() * values.length)];
  const actor = () => weighted(ACTORS, r => Math.floor(200 * r ** 2.5));
  const action = () => weighted(ACTIONS, r => draw.action(r));
  const entity = () => weighted(ENTITIES, r => draw.entity(r));
  const plugin = () => action().split('.')[0];
  const outcome = (): AuditQueryFilter['outcome'] =>
    (['failed', 'failed', 'succeeded', 'initiated'] as const)[
      Math.floor(rand() * 4)
    ];
  const end = START + SPAN_MS;
  const day = 24 * 3600_000;
  const dayWindow = () => {
    const from = START + Math.floor(rand() * 29) * day;
    return { from: new Date(from), to: new Date(from + day) };
  };
  const plan: Array<[string, number, () => AuditQueryFilter]> = [
    ['actor', 25, () => ({ actor: actor() })],
    ['action', 20, () => ({ action: action() })],
    ['entityRef', 25, () => ({ entityRef: entity() })],
    ['outcome', 10, () => ({ outcome: outcome() })],
    ['plugin', 10, () => ({ plugin: plugin() })],
    ['actor+action', 15, () => ({ actor: actor(), action: action() })],
    [
      'entityRef+outcome',
      10,
      () => ({ entityRef: entity(), outcome: outcome() }),
    ],
    ['plugin+outcome', 10, () => ({ plugin: plugin(), outcome: outcome() })],
    ['last 24h', 10, () => ({ from: new Date(end - day) })],
    ['1-day window', 10, dayWindow],
    [
      'actor+last 7d',
      10,
      () => ({ actor: actor(), from: new Date(end - 7 * day) }),
    ],
    ['none', 5, () => ({})],
  ];
  const queries: Query[] = [];
  for (const [category, count, make] of plan) {
    for (let i = 0; i < count; i++) queries.push({ category, filter: make() });
  }
  // interleave categories
  for (let i = queries.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [queries[i], queries[j]] = [queries[j], queries[i]];
  }
  return queries;
}

/** The baseline: a naive store — OFFSET pagination over a table with no filter indexes. */
function baselineQuery(db: Knex, filter: AuditQueryFilter, page: number) {
  // Same filter clauses as the AuditStore; only the pagination and the indexes differ.
  return whereAuditFilter(db('audit_events_baseline').select('*'), filter)
    .orderBy('id', 'desc')
    .limit(PAGE)
    .offset((page - 1) * PAGE);
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

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
