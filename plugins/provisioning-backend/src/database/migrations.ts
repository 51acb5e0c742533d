import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/**
 * Applies the provisioning plugin's knex migrations (`migrations/`) to `knex`: for a database
 * the plugin does not migrate itself (benchmarks, tests, `migrations.skip`).
 *
 * @public
 */
export async function applyProvisioningMigrations(knex: Knex): Promise<void> {
  await knex.migrate.latest({
    directory: resolvePackagePath(
      '@internal/plugin-provisioning-backend',
      'migrations',
    ),
  });
}
