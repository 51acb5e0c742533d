import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, chownSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@internal/plugin-portico-node/testUtils';

const run = promisify(execFile);
const PGBIN = process.env.PGBIN ?? '/usr/lib/postgresql/15/bin';

/** Whether this machine can start its own PostgreSQL server (the binaries are installed). */
export const canStartPrivatePostgres = existsSync(join(PGBIN, 'pg_ctl'));

/** Runs a PostgreSQL binary, as the `postgres` user when the tests run as root. */
async function pg(binary: string, args: string[]) {
  const command = join(PGBIN, binary);
  if (process.getuid?.() === 0) {
    const quoted = [command, ...args]
      .map(a => `'${a.replace(/'/g, `'\\''`)}'`)
      .join(' ');
    await run('su', ['postgres', '-s', '/bin/sh', '-c', quoted]);
  } else {
    await run(command, args);
  }
}

/**
 * A PostgreSQL server of the test's own (temporary directory, free port), which the test may stop
 * and start again without disturbing other test files.
 */
export async function startPrivatePostgres() {
  const dir = mkdtempSync(join(tmpdir(), 'audit-pg-'));
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const port = await freePort();
  const data = join(dir, 'data');
  await pg('initdb', [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
  ]);
  const start = () =>
    pg('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  await start();
  return {
    connection: {
      host: '127.0.0.1',
      port,
      user: 'postgres',
      password: 'postgres',
      database: 'postgres',
    },
    start,
    /** Stops the server the way a restart does: clients are disconnected. */
    stop: () => pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
    async destroy() {
      await pg('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(
        () => {},
      );
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
