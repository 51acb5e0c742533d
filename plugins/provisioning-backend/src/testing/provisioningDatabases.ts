import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import knexFactory, { type Knex } from 'knex';
import { applyProvisioningMigrations } from '../database/migrations';

/** Test databases of provisioning: real PostgreSQL 15 unless a test asks for SQLite. */
export function provisioningTestDatabases(
  ids: TestDatabaseId[] = ['POSTGRES_15'],
) {
  const databases = TestDatabases.create({ ids });
  const extra: Knex[] = [];
  return {
    databases,
    /** A new, empty, migrated database. */
    async init(id: TestDatabaseId = 'POSTGRES_15'): Promise<Knex> {
      const knex = await databases.init(id);
      await applyProvisioningMigrations(knex);
      return knex;
    },
    /** A second connection pool to the same database, as another backend replica has. */
    secondPool(knex: Knex): Knex {
      const other = knexFactory({
        client: knex.client.config.client,
        connection: knex.client.config.connection,
        pool: { min: 0, max: 10 },
      });
      extra.push(other);
      return other;
    },
    async destroyPools() {
      await Promise.all(extra.splice(0).map(k => k.destroy()));
    },
  };
}
