/*
 * The whole Portico backend, as wired in index.ts, started as its own process against a real
 * PostgreSQL 15 (scripts/with-postgres.sh provides it in `make test`): it must run every
 * plugin's migrations, serve the example catalog, and start again on the same database.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitFor } from '@internal/plugin-portico-node/testUtils';
import { Client } from 'pg';

const PG_URL = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const TOKEN = 'backend-postgres-test-token-0123456789';
const backendDir = path.resolve(__dirname, '..');

jest.setTimeout(300_000);

function startBackend(configFile: string, logFile: string): ChildProcess {
  const log = fs.openSync(logFile, 'a');
  return spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      '../../app-config.yaml',
      '--config',
      '../../app-config.development.yaml',
      '--config',
      configFile,
    ],
    {
      cwd: backendDir,
      env: { ...process.env, NODE_ENV: 'development' },
      stdio: ['ignore', log, log],
      detached: true,
    },
  );
}

async function stopBackend(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise(r => child.once('exit', r));
  process.kill(-child.pid!, 'SIGTERM');
  await Promise.race([exited, new Promise(r => setTimeout(r, 10_000))]);
  if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
}

const describeWithPg = PG_URL || process.env.CI ? describe : describe.skip;

describeWithPg('Portico backend on PostgreSQL 15', () => {
  const prefix = `portico_t${Date.now().toString(36)}_`;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-backend-pg-'));
  const logFile = path.join(tmp, 'backend.log');
  let child: ChildProcess | undefined;
  let baseUrl = '';

  beforeAll(async () => {
    if (!PG_URL) {
      throw new Error(
        'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set: run through scripts/with-postgres.sh (make test does)',
      );
    }
    const pg = new URL(PG_URL);
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const configFile = path.join(tmp, 'app-config.test.yaml');
    fs.writeFileSync(
      configFile,
      JSON.stringify({
        app: { baseUrl },
        backend: {
          baseUrl,
          listen: { port, host: '127.0.0.1' },
          database: {
            client: 'pg',
            prefix,
            connection: {
              host: pg.hostname,
              port: Number(pg.port),
              user: decodeURIComponent(pg.username),
              password: decodeURIComponent(pg.password),
            },
          },
          auth: {
            externalAccess: [
              { type: 'static', options: { token: TOKEN, subject: 'backend-pg-test' } },
            ],
          },
        },
      }),
    );
    child = startBackend(configFile, logFile);
  });

  afterAll(async () => {
    await stopBackend(child);
    if (process.env.CI) {
      // Keep the backend's own log visible when something failed.
      const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
      if (/\berror\b/i.test(log)) console.log(log.split('\n').filter(l => /error/i.test(l)).slice(0, 40).join('\n'));
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const api = (p: string) =>
    fetch(`${baseUrl}${p}`, { headers: { authorization: `Bearer ${TOKEN}` } });

  it('starts, runs the migrations and serves the example catalog', async () => {
    await waitFor(
      'readiness',
      async () => ((await fetch(`${baseUrl}/.backstage/health/v1/readiness`)).ok ? true : undefined),
      { timeoutMs: 180_000, intervalMs: 500 },
    );

    const entity = await waitFor(
      'payments-api in the catalog',
      async () => {
        const res = await api('/api/catalog/entities/by-name/component/default/payments-api');
        return res.ok ? res.json() : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );
    expect(entity.spec.owner).toBeTruthy();

    const components = await waitFor(
      'the example components',
      async () => {
        const res = await api('/api/catalog/entities/by-query?filter=kind=component&limit=100');
        const body = await res.json();
        return body.items?.length >= 8 ? body.items : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );
    expect(components.length).toBeGreaterThanOrEqual(8);

    // Every plugin's data lives in its own PostgreSQL database, migrated by the plugin.
    const admin = new Client({ connectionString: `${PG_URL}/postgres` });
    await admin.connect();
    const { rows } = await admin.query(
      'SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname',
      [`${prefix}%`],
    );
    await admin.end();
    const databases = rows.map(r => r.datname);
    expect(databases).toEqual(
      expect.arrayContaining([`${prefix}catalog`, `${prefix}auth`, `${prefix}scaffolder`, `${prefix}search`]),
    );

    const catalogDb = new Client({ connectionString: `${PG_URL}/${prefix}catalog` });
    await catalogDb.connect();
    const migrations = await catalogDb.query('SELECT count(*)::int AS n FROM knex_migrations');
    const stored = await catalogDb.query('SELECT count(*)::int AS n FROM final_entities');
    await catalogDb.end();
    expect(migrations.rows[0].n).toBeGreaterThan(10);
    expect(stored.rows[0].n).toBeGreaterThanOrEqual(components.length);

    // Search uses the PostgreSQL engine, not the in-memory one.
    const searchDb = new Client({ connectionString: `${PG_URL}/${prefix}search` });
    await searchDb.connect();
    const tables = await searchDb.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    await searchDb.end();
    expect(tables.rows.map(r => r.table_name)).toContain('documents');
  });

  it('starts again on the same, already migrated database', async () => {
    await stopBackend(child);
    child = startBackend(path.join(tmp, 'app-config.test.yaml'), logFile);
    await waitFor(
      'readiness after restart',
      async () => ((await fetch(`${baseUrl}/.backstage/health/v1/readiness`)).ok ? true : undefined),
      { timeoutMs: 180_000, intervalMs: 500 },
    );
    const res = await api('/api/catalog/entities/by-name/component/default/payments-api');
    expect(res.status).toBe(200);
  });
});
