/*
 * The audit bench's queries (see run.sh): the mix of filters auditors ask for, the baseline's
 * naive query, and the timing helpers both runs share.
 */
import type { Knex } from 'knex';
import { performance } from 'node:perf_hooks';
import {
  whereAuditFilter,
  type AuditQueryFilter,
} from '@internal/plugin-audit-backend/testUtils';
import {
  ACTIONS,
  ACTORS,
  ENTITIES,
  PAGE,
  SPAN_MS,
  START,
  draw,
  prng,
} from './data';

// ---- measuring ----
function percentile(sorted: number[], q: number) {
  return sorted.length
    ? sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]
    : NaN;
}
export function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1],
  };
}
export const ms = (n: number) => Math.round(n * 100) / 100;

export interface Query {
  category: string;
  filter: AuditQueryFilter;
}

export function queryMix(): Query[] {
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
export function baselineQuery(
  db: Knex,
  filter: AuditQueryFilter,
  page: number,
) {
  // Same filter clauses as the AuditStore; only the pagination and the indexes differ.
  return whereAuditFilter(db('audit_events_baseline').select('*'), filter)
    .orderBy('id', 'desc')
    .limit(PAGE)
    .offset((page - 1) * PAGE);
}

export async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}
