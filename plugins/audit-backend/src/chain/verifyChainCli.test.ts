import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { makeRecord } from '../testing/makeRecord';
import { auditTestDatabases } from '../testing/migratedDatabase';
import { AuditStore } from '../database/AuditStore';

jest.setTimeout(60_000);

const { init } = auditTestDatabases();
const script = join(__dirname, '..', '..', 'scripts', 'verify-chain.mjs');

async function runCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [script, ...args],
      {
        env: { ...process.env, ...env },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('scripts/verify-chain.mjs', () => {
  it('prints OK for an intact chain and names the first broken event (exit 1)', async () => {
    const knex = await init();
    await new AuditStore(knex).appendEvents(
      Array.from({ length: 12 }, (_, i) => makeRecord(i)),
    );
    const c = knex.client.config.connection as Record<string, string | number>;
    const url = `postgresql://${c.user}:${c.password}@${c.host}:${c.port}/${c.database}`;

    await expect(runCli([url])).resolves.toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^OK: 12 events checked/),
    });

    await knex('audit_events').where({ id: 5 }).delete();
    const broken = await runCli([], { AUDIT_DATABASE_URL: url });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(
      'BROKEN at event 6: event 5 is missing before it (deleted from the log) (4 events checked before it)',
    );
    expect(broken.stdout).not.toContain(String(c.password));
  });

  it('exits 2 without a connection string or when it cannot connect', async () => {
    await expect(runCli([], { AUDIT_DATABASE_URL: '' })).resolves.toMatchObject(
      { code: 2 },
    );
    const unreachable = await runCli([
      'postgresql://u:pw-not-printed@127.0.0.1:1/x',
    ]);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).not.toContain('pw-not-printed');
  });
});
