/*
 * Several replicas starting at once on one PostgreSQL (issue 17; docs/production.md, "Migrations").
 * Three "replicas" (three backend-defaults DatabaseManagers on one fresh prefix, as three pods
 * have) get every plugin's database and run every plugin's knex migrations at once, with the
 * arguments the plugins themselves pass to `knex.migrate.latest`:
 *
 * - creating the databases at once is safe (backend-defaults retries CREATE DATABASE);
 * - with the migration tables in place (every start after a database's first), migration sets
 *   whose migrations all run in a transaction serialize on knex's lock row: every replica
 *   succeeds. A set with a `transaction: false` migration (the catalog's) holds the lock outside a
 *   transaction: the other replicas fail with "Migration table is already locked" (their pod
 *   restarts) and succeed on the next try. Nothing is applied twice; the lock ends free;
 * - the state knex's unguarded table creation can leave on an empty database (two lock rows, which
 *   no migrator can ever take) is repaired by the SQL of docs/runbooks/database.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseManager } from '@backstage/backend-defaults/database';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { repoRoot } from '@internal/template-checks';

jest.setTimeout(120_000);

type Knex = Awaited<
  ReturnType<ReturnType<DatabaseManager['forPlugin']>['getClient']>
>;

interface MigrationSet {
  pluginId: string;
  directory: string;
  tableName?: string;
  loadExtensions?: string[];
}

const dir = (pkg: string, sub = 'migrations') => resolvePackagePath(pkg, sub);
/** Each plugin's own migrations, with the arguments it passes (see its store's create()). */
const SETS: MigrationSet[] = [
  { pluginId: 'catalog', directory: dir('@backstage/plugin-catalog-backend') },
  { pluginId: 'auth', directory: dir('@backstage/plugin-auth-backend') },
  {
    pluginId: 'scaffolder',
    directory: dir('@backstage/plugin-scaffolder-backend'),
  },
  {
    pluginId: 'notifications',
    directory: dir('@backstage/plugin-notifications-backend'),
  },
  {
    pluginId: 'search',
    directory: dir('@backstage/plugin-search-backend-module-pg'),
  },
  {
    pluginId: 'user-settings',
    directory: dir('@backstage/plugin-user-settings-backend'),
  },
  { pluginId: 'app', directory: dir('@backstage/plugin-app-backend') },
  { pluginId: 'audit', directory: dir('@internal/plugin-audit-backend') },
  {
    pluginId: 'provisioning',
    directory: dir('@internal/plugin-provisioning-backend'),
  },
  {
    pluginId: 'argocd',
    directory: dir('@internal/plugin-argocd-backend'),
    tableName: 'argocd_knex_migrations',
    loadExtensions: ['.js'],
  },
  // backend-defaults' own, in every plugin's database: the scheduler and the plugin token keys.
  {
    pluginId: 'audit',
    directory: dir('@backstage/backend-defaults', 'migrations/scheduler'),
    tableName: 'backstage_backend_tasks__knex_migrations',
  },
  {
    pluginId: 'catalog',
    directory: dir('@backstage/backend-defaults', 'migrations/auth'),
    tableName: 'backstage_backend_public_keys__knex_migrations',
  },
];
const PLUGINS = [...new Set(SETS.map(s => s.pluginId))];
const REPLICAS = 3;

/** Whether a set has a migration that opts out of the wrapping transaction. */
const nonTransactional = (set: MigrationSet) =>
  fs
    .readdirSync(set.directory)
    .filter(f => /\.js$/.test(f))
    .some(f =>
      /transaction:\s*false/.test(
        fs.readFileSync(path.join(set.directory, f), 'utf8'),
      ),
    );

/** What the plugin passes to knex.migrate (no undefined keys: they would replace knex's defaults). */
const options = ({ directory, tableName, loadExtensions }: MigrationSet) => ({
  directory,
  ...(tableName && { tableName }),
  ...(loadExtensions && { loadExtensions }),
});
const migrate = (knex: Knex, set: MigrationSet) =>
  knex.migrate.latest(options(set));
const lockTable = (set: MigrationSet) =>
  `${set.tableName ?? 'knex_migrations'}_lock`;

/** The repair of docs/runbooks/database.md ("two rows"), as written there. */
const RUNBOOK = fs.readFileSync(
  path.join(repoRoot, 'docs/runbooks/database.md'),
  'utf8',
);
const REPAIR_SQL =
  'delete from knex_migrations_lock where index <> (select min(index) from knex_migrations_lock);';

function replica(prefix: string) {
  const manager = DatabaseManager.fromConfig(
    mockServices.rootConfig({
      data: {
        backend: {
          database: {
            client: 'pg',
            connection:
              process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING,
            prefix,
          },
        },
      },
    }),
  );
  const clients = new Map<string, Promise<Knex>>();
  return {
    client(pluginId: string) {
      if (!clients.has(pluginId)) {
        clients.set(
          pluginId,
          manager
            .forPlugin(pluginId, {
              logger: mockServices.logger.mock(),
              lifecycle: mockServices.lifecycle.mock(),
            })
            .getClient(),
        );
      }
      return clients.get(pluginId)!;
    },
    async destroy() {
      await Promise.all(
        [...clients.values()].map(async c => (await c).destroy()),
      );
    },
  };
}

describe('plugin migrations with several replicas starting at once', () => {
  const prefix = `mig_${Date.now().toString(36)}_`;
  const replicas = Array.from({ length: REPLICAS }, () => replica(prefix));
  afterAll(() => Promise.all(replicas.map(r => r.destroy())));

  it('creates every plugin database once when all replicas ask at once', async () => {
    const results = await Promise.allSettled(
      replicas.flatMap(r => PLUGINS.map(p => r.client(p))),
    );
    expect(results.filter(r => r.status === 'rejected')).toEqual([]);
    const names = await (
      await replicas[0].client('catalog')
    ).raw('select datname from pg_database where datname like ?', [
      `${prefix}%`,
    ]);
    expect(names.rows.map((r: any) => r.datname).sort()).toEqual(
      PLUGINS.map(p => `${prefix}${p}`).sort(),
    );
  });

  it('applies each migration once; only a non-transactional set turns replicas away, and they succeed on restart', async () => {
    // The migration tables exist (created by the first start of each database) ...
    for (const set of SETS) {
      await (await replicas[0].client(set.pluginId)).migrate.list(options(set));
    }
    // ... and every replica starts at once with all migrations pending.
    const outcomes = await Promise.all(
      SETS.map(async set => {
        const results = await Promise.allSettled(
          replicas.map(async r => migrate(await r.client(set.pluginId), set)),
        );
        return { set, results };
      }),
    );
    // Per set: the replicas that succeeded, and the errors of the others.
    const seen = outcomes.map(({ set, results }) => {
      const failed = results.flatMap(r =>
        r.status === 'rejected' ? [String(r.reason?.message)] : [],
      );
      return {
        set: `${set.pluginId}:${set.tableName ?? 'knex_migrations'}`,
        transactional: !nonTransactional(set),
        succeeded: REPLICAS - failed.length,
        otherErrors: failed.filter(
          m => m !== 'Migration table is already locked',
        ),
      };
    });
    const summary = seen.map(s => `${s.set} ${s.succeeded}/${REPLICAS} ok`);
    // Transactional sets: every replica succeeds. The others: at least one, the rest are only
    // turned away by the lock.
    expect(
      seen.filter(s => s.transactional && s.succeeded !== REPLICAS),
    ).toEqual([]);
    expect(seen.filter(s => s.succeeded === 0 || s.otherErrors.length)).toEqual(
      [],
    );
    // The premise: the catalog's set is the non-transactional one.
    expect(seen.filter(s => !s.transactional).map(s => s.set)).toEqual([
      'catalog:knex_migrations',
    ]);
    console.log(`migrations at once: ${summary.join(', ')}`);
    // The replicas turned away restart and migrate again: nothing is left to do.
    for (const set of SETS) {
      for (const r of replicas) {
        const knex = await r.client(set.pluginId);
        await migrate(knex, set);
        const [completed, pending] = await knex.migrate.list(options(set));
        expect(pending).toEqual([]);
        expect(completed.length).toBeGreaterThan(0);
      }
      const knex = await replicas[0].client(set.pluginId);
      const applied = await knex(set.tableName ?? 'knex_migrations').select(
        'name',
      );
      const names = applied.map((m: any) => m.name);
      expect(names.length).toBe(new Set(names).size);
      expect(await knex(lockTable(set)).select('is_locked')).toEqual([
        { is_locked: 0 },
      ]);
    }
  });

  it('is freed by the runbook from the two lock rows an empty database can be left with', async () => {
    expect(RUNBOOK).toContain(REPAIR_SQL);
    const set = SETS.find(s => s.pluginId === 'auth' && !s.tableName)!;
    const knex = await replicas[0].client('auth');
    // What two replicas creating the lock table at once leave behind (knex/knex#3538).
    await knex(lockTable(set)).insert({ is_locked: 0 });
    await expect(migrate(knex, set)).rejects.toThrow(
      'Migration table is already locked',
    );
    await knex.raw(REPAIR_SQL);
    await expect(migrate(knex, set)).resolves.toBeDefined();
    expect(await knex(lockTable(set)).select('is_locked')).toEqual([
      { is_locked: 0 },
    ]);
  });
});
