import type { Knex } from 'knex';

/** The plugin's tables (see `migrations/`). */
export const RUNS = 'provisioning_runs';
export const EVENTS = 'provisioning_run_events';
export const TOKENS = 'provisioning_run_tokens';
export const OUTBOX = 'provisioning_outbox';

/**
 * Whether `db` is PostgreSQL (row locks, SKIP LOCKED). The stores also run on SQLite for local
 * development: one writer at a time, so the same statements are safe without the locks.
 */
export function isPostgres(db: Knex): boolean {
  return /^(pg|postgres)/.test(String(db.client.config.client));
}
