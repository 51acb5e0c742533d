import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import {
  KnexCallbackTokenStore,
  type CallbackTokenStore,
} from './CallbackTokenStore';
import { applyProvisioningMigrations } from './migrations';
import { KnexOutboxStore, type OutboxStore } from './OutboxStore';
import { KnexRunEventStore, type RunEventStore } from './RunEventStore';
import { KnexRunStore, type RunStore } from './RunStore';

/**
 * Every store of the provisioning plugin, one per table and its job. They work on PostgreSQL
 * (row locks, SKIP LOCKED) and on SQLite for local development.
 */
export interface ProvisioningStores {
  runs: RunStore;
  outbox: OutboxStore;
  tokens: CallbackTokenStore;
  events: RunEventStore;
}

/** The stores on a migrated database. */
export function createProvisioningStores(knex: Knex): ProvisioningStores {
  return {
    runs: new KnexRunStore(knex),
    outbox: new KnexOutboxStore(knex),
    tokens: new KnexCallbackTokenStore(knex),
    events: new KnexRunEventStore(knex),
  };
}

/** The stores on the plugin's database, migrated first unless migrations are skipped. */
export async function openProvisioningStores(
  database: DatabaseService,
): Promise<ProvisioningStores> {
  const knex = await database.getClient();
  if (!database.migrations?.skip) {
    await applyProvisioningMigrations(knex);
  }
  return createProvisioningStores(knex);
}
