/*
 * make prod-local [REPLICAS=3] [PROD_LOCAL_PORT=<port>]: the portal as production runs it, on
 * loopback (prodLocal.ts). Prints the URL and the users once the catalog is ingested; Ctrl-C /
 * SIGTERM / SIGHUP stop the replicas, the balancer, the peers and PostgreSQL.
 *   node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs packages/local-platform/src/prod/main.ts
 */
import { formatDuration, peerRows } from '../start/banner';
import { fromRoot } from '../start/paths';
import { startProdLocal, type ProdLocal } from './prodLocal';

const say = (line: string) => process.stdout.write(`[prod-local] ${line}\n`);

function banner(prod: ProdLocal, elapsedMs: number): string {
  const rule = '─'.repeat(72);
  const rows = (pairs: [string, string][]) => {
    const width = Math.max(...pairs.map(([k]) => k.length));
    return pairs.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`);
  };
  return [
    rule,
    `Portico (production build) is ready at ${prod.url} (after ${formatDuration(
      elapsedMs,
    )})`,
    `  ${prod.replicas.length} replicas behind HAProxy, PostgreSQL 15 on ${prod.postgres.host}:${prod.postgres.port}, ${prod.entities} entities`,
    ...rows(
      prod.replicas.map(
        r => [r.name, `${r.url} (pid ${r.pid})`] as [string, string],
      ),
    ),
    '',
    'Sign in with Dex as one of these (login / password):',
    ...rows(
      prod.platform.users.map(u => [`${u.login} / ${u.password}`, u.role]),
    ),
    '',
    'Local platform:',
    ...rows(peerRows(prod.platform)),
    '',
    `Logs: ${fromRoot(prod.logDir)}/replica-<n>.log, haproxy.log`,
    'Ctrl-C stops everything.',
    rule,
    '',
  ].join('\n');
}

export async function prodLocalMain(): Promise<number> {
  const began = Date.now();
  const replicas = process.env.REPLICAS ? Number(process.env.REPLICAS) : 3;
  const port = process.env.PROD_LOCAL_PORT
    ? Number(process.env.PROD_LOCAL_PORT)
    : undefined;
  let prod: ProdLocal | undefined;
  let stopping: Promise<void> | undefined;
  let resolveDone: (code: number) => void = () => {};
  const done = new Promise<number>(resolve => (resolveDone = resolve));
  const finish = (code: number) => {
    stopping ??= (async () => {
      say('stopping everything');
      await prod?.stop();
      say('everything stopped');
      resolveDone(code);
    })();
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(signal, () => finish(signal === 'SIGINT' ? 130 : 143));
  try {
    const starting = startProdLocal({
      replicas,
      port,
      liveChanges: true,
      log: say,
    });
    prod = await starting;
  } catch (error) {
    process.stderr.write(`[prod-local] ${(error as Error).message}\n`);
    return 1;
  }
  if (stopping) {
    await prod.stop();
    return done;
  }
  process.stdout.write(`\n${banner(prod, Date.now() - began)}`);
  const watched = prod;
  const watch = setInterval(() => {
    const gone = watched.replicas.find(r => r.exited);
    if (!gone || stopping) return;
    clearInterval(watch);
    say(
      `${gone.name} stopped (${
        gone.exited
      }); the end of its log:\n${gone.logTail()}`,
    );
    finish(1);
  }, 1_000);
  return done;
}

if (require.main === module) {
  prodLocalMain().then(
    code => process.exit(code),
    error => {
      process.stderr.write(`[prod-local] ${(error as Error).stack ?? error}\n`);
      process.exit(1);
    },
  );
}
