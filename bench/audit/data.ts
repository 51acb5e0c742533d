/*
 * The audit bench's data (see run.sh): the log's size, its domains (actors, actions, entities)
 * and the same skewed draws twice: in TypeScript for the write path, in SQL for the bulk load.
 */
import type { AuditRecord } from '@internal/plugin-audit-node';

export const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
/** Events written through the real write path (hash chain); the rest is bulk-loaded with SQL. */
export const WRITTEN = Math.min(100_000, Math.floor(EVENTS / 10));
export const PAGE = 50;
export const FOLLOW_UPS = 3;
export const START = Date.parse('2025-01-01T00:00:00.000Z');
export const SPAN_MS = 30 * 24 * 3600_000;

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
export const ACTORS = Array.from({ length: 200 }, (_, i) =>
  i < SERVICE_ACTORS.length ? SERVICE_ACTORS[i] : `user:default/user-${i}`,
);
// Most frequent first (the draw is skewed towards low indexes).
export const ACTIONS = [
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
export const ENTITIES = Array.from(
  { length: 2000 },
  (_, i) => `${KINDS[i % 8]}:${i % 10 === 0 ? 'platform' : 'default'}/svc-${i}`,
);

/** Deterministic PRNG (mulberry32), so every run queries the same values. */
export function prng(seed: number) {
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
export const draw = {
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

export function realisticRecord(g: number, rand: () => number): AuditRecord {
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

export const BULK_SQL = `
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
