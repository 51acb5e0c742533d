import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@internal/plugin-portico-node/testUtils';
import { logTail, startPortal } from './portal';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startPortal', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'portico-start-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stops the whole process group, a grandchild that ignores SIGTERM included', async () => {
    const log = join(dir, 'portal.log');
    // The "portal" starts a child that ignores SIGTERM (like a stuck backend); the child says
    // its pid once its handler is installed.
    const grandchildScript =
      "process.on('SIGTERM', () => {}); console.log('grandchild ' + process.pid); setInterval(() => {}, 1000)";
    const script = `
      const { spawn } = require('node:child_process');
      spawn(process.execPath, ['-e', ${JSON.stringify(
        grandchildScript,
      )}], { stdio: 'inherit' });
      setInterval(() => {}, 1000);
    `;
    const portal = startPortal(
      {
        command: process.execPath,
        args: ['-e', script],
        cwd: dir,
        env: process.env,
      },
      log,
    );
    const grandchild = await waitFor('the grandchild pid', () => {
      const match = /grandchild (\d+)/.exec(readFileSync(log, 'utf8'));
      return match ? Number(match[1]) : undefined;
    });
    expect(alive(grandchild)).toBe(true);
    const exits: string[] = [];
    portal.onExit(reason => exits.push(reason));
    expect(portal.exited()).toBeUndefined();
    const began = Date.now();
    await portal.stop();
    expect(alive(portal.pid)).toBe(false);
    expect(alive(grandchild)).toBe(false);
    expect(Date.now() - began).toBeGreaterThan(9_000); // the SIGKILL after the grace period
    await waitFor('the exit event', () => exits.length > 0);
    expect(exits).toEqual(['signal SIGTERM']);
  }, 30_000);

  it('reports an exit it did not ask for, and the end of the log tells why', async () => {
    const log = join(dir, 'portal.log');
    const script = [
      `for (let i = 1; i <= 60; i++) console.log('line ' + i);`,
      // the backend's access log and its colours are noise in the tail
      `console.log('\\u001b[34mrootHttpRouter\\u001b[39m info "GET /x" 200 type="incomingRequest"');`,
      `console.error('\\u001b[31mError\\u001b[39m: port 7007 in use');`,
      `process.exit(3);`,
    ].join('\n');
    const portal = startPortal(
      {
        command: process.execPath,
        args: ['-e', script],
        cwd: dir,
        env: process.env,
      },
      log,
    );
    const reason = await new Promise<string>(resolve => portal.onExit(resolve));
    expect(reason).toBe('exit 3');
    expect(portal.exited()).toBe('exit 3');
    const tail = logTail(log, 5).split('\n');
    expect(tail).toHaveLength(5);
    expect(tail[4]).toBe('Error: port 7007 in use');
    expect(tail[0]).toBe('line 57');
    await portal.stop(); // nothing left: returns at once
  });

  it('logTail of a missing file is empty', () => {
    expect(logTail(join(dir, 'missing.log'))).toBe('');
  });
});
