/*
 * The one PostgreSQL 15 of make prod-local, started as scripts/with-postgres.sh starts the tests'
 * one (initdb with trust auth on 127.0.0.1, data in a temp dir, as the postgres user when run as
 * root), with a restart for the soak's fault and a count of connections per client.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freeStablePort } from '@internal/plugin-portico-node/testUtils';

const PGBIN = process.env.PGBIN ?? '/usr/lib/postgresql/15/bin';

export interface LocalPostgres {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Stops the server (fast shutdown: open connections are cut) and starts it again. */
  restart(): Promise<void>;
  /** Open client connections per application_name (Backstage names each plugin's pool). */
  connectionsByApplication(): Record<string, number>;
  /** Established connections to the server per client process id (ss -tnp), e.g. per replica. */
  connectionsByPid(): Map<number, number>;
  stop(): Promise<void>;
}

/** Runs a PostgreSQL binary, as the postgres user when this process is root. */
function asPostgres(bin: string, args: string[]): string {
  const root = userInfo().uid === 0;
  const command = root ? 'runuser' : join(PGBIN, bin);
  const argv = root
    ? ['-u', 'postgres', '--', join(PGBIN, bin), ...args]
    : args;
  const run = spawnSync(command, argv, { encoding: 'utf8' });
  if (run.status !== 0)
    throw new Error(
      `${bin} ${args[0] ?? ''}: exit ${run.status}: ${run.stderr.trim()}`,
    );
  return run.stdout;
}

/** Starts PostgreSQL 15 on a free loopback port; max_connections as with-postgres.sh (300). */
export async function startPostgres(): Promise<LocalPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'portico-prod-pg.'));
  if (userInfo().uid === 0) {
    const pg = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    chownSync(dir, Number(pg.stdout.trim()), -1);
  }
  const port = await freeStablePort();
  const data = join(dir, 'data');
  asPostgres('initdb', [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
  ]);
  const start = () =>
    asPostgres('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300`,
      'start',
    ]);
  const stopServer = () =>
    asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  let stopped = false;
  return {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password: 'postgres',
    async restart() {
      stopServer();
      start();
    },
    connectionsByApplication() {
      const out = asPostgres('psql', [
        '-h',
        dir,
        '-p',
        String(port),
        '-U',
        'postgres',
        '-At',
        '-c',
        "select application_name, count(*) from pg_stat_activity where backend_type = 'client backend' group by application_name",
      ]);
      const counts: Record<string, number> = {};
      for (const line of out.split('\n').filter(Boolean)) {
        const [name, n] = line.split('|');
        counts[name || '(none)'] = Number(n);
      }
      return counts;
    },
    connectionsByPid() {
      const ss = spawnSync(
        'ss',
        ['-Htnp', 'state', 'established', `( dport = :${port} )`],
        { encoding: 'utf8' },
      );
      const counts = new Map<number, number>();
      for (const m of (ss.stdout ?? '').matchAll(/pid=(\d+)/g))
        counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
      return counts;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } catch {
        // already down
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
