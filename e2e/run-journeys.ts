/*
 * Runs the browser journeys against one portal: starts Portico once (see portal.ts; or uses
 * PORTICO_URL), runs journeys/*.test.ts one file at a time with node:test, stops the portal.
 *
 *   yarn workspace @internal/e2e journeys                       # all journeys
 *   yarn workspace @internal/e2e journeys journeys/02-search.test.ts
 *   PORTICO_URL=http://localhost:7007 yarn workspace @internal/e2e journeys
 */
import { spawn } from 'node:child_process';
import { backendRestarts, usePortal } from './portal.ts';
import { onInterrupt } from './processes.ts';

const files = process.argv.slice(2);
const started = performance.now();
// Other people may be editing the tree: a backend restart mid-run empties the in-memory catalog.
const portal = await usePortal({ restartOnChange: false });
process.stderr.write(
  `[journeys] portal ${portal.url} (${
    portal.external ? 'external' : 'started'
  })\n`,
);

let code = 1;
try {
  code = await new Promise<number>((resolveCode, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--test',
        '--test-concurrency=1',
        ...(files.length ? files : ['journeys/*.test.ts']),
      ],
      {
        cwd: import.meta.dirname,
        env: { ...process.env, PORTICO_URL: portal.url },
        stdio: 'inherit',
      },
    );
    child.on('error', reject);
    const exited = new Promise<void>(done => child.on('exit', () => done()));
    child.on('exit', (c, signal) => resolveCode(c ?? (signal ? 1 : 0)));
    // Ctrl-C: end the test run (node:test stops its test processes, Playwright its browsers)
    // before the portal goes away.
    onInterrupt(async () => {
      if (child.exitCode === null && child.signalCode === null)
        child.kill('SIGTERM');
      await Promise.race([
        exited,
        new Promise(r => setTimeout(r, 10_000).unref()),
      ]);
    });
  });
} finally {
  const restarts = backendRestarts(portal);
  if (restarts) {
    process.stderr.write(
      `[journeys] warning: the backend restarted ${restarts} time(s) during the run because ` +
        `source files changed; failures may come from that (see e2e/logs/backend.log)\n`,
    );
  }
  await portal.stop();
}
process.stderr.write(
  `[journeys] ${code === 0 ? 'passed' : 'FAILED'} in ${(
    (performance.now() - started) /
    1000
  ).toFixed(0)} s ` +
    `(screenshots in e2e/screenshots/${
      portal.logFile ? ', backend log in e2e/logs/backend.log' : ''
    })\n`,
);
process.exit(code);
