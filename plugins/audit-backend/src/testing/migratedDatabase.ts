import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { applyAuditMigrations } from '../database/AuditStore';

/** Test databases of the audit log: real PostgreSQL 15, and SQLite where a test says so. */
export function auditTestDatabases(ids: TestDatabaseId[] = ['POSTGRES_15']) {
  const databases = TestDatabases.create({ ids });
  return {
    databases,
    /** A new, empty, migrated database. */
    async init(id: TestDatabaseId = 'POSTGRES_15'): Promise<Knex> {
      const knex = await databases.init(id);
      await applyAuditMigrations(knex);
      return knex;
    },
  };
}
