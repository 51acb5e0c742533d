/*
 * The processes the e2e portal starts (backend, the local platform), and stopping
 * them: each runs in its own process group, killed on stop, on process exit and on
 * SIGINT/SIGTERM/SIGHUP.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { processGroup, repoRoot } from './workspace.ts';

export { repoRoot };

export const defaultLog = (line: string): void => {
  process.stderr.write(`[portal] ${line}\n`);
};

/** Kills a process group: SIGTERM, then SIGKILL after graceMs. Resolves when the group is gone. */
export const { killGroup } = processGroup;

const liveGroups = new Set<number>();
const tempDirs = new Set<string>();
const cleanups: (() => Promise<void> | void)[] = [];
let exitHooksInstalled = false;

/** Kills `pgid` if this process exits or is interrupted before {@link stopGroup} is called. */
export function trackGroup(pgid: number): void {
  installExitHooks();
  liveGroups.add(pgid);
}

/** Stops a tracked process group (see {@link killGroup}) and forgets it. */
export async function stopGroup(pgid: number, graceMs?: number): Promise<void> {
  await killGroup(pgid, graceMs);
  liveGroups.delete(pgid);
}

/** Deletes `dir` when this process exits, unless {@link removeTempDir} did already. */
export function trackTempDir(dir: string): void {
  installExitHooks();
  tempDirs.add(dir);
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

/**
 * Runs `fn` first when this process is interrupted (SIGINT/SIGTERM/SIGHUP), before the started
 * portals are stopped - e.g. to end a test run that uses the portal.
 */
export function onInterrupt(fn: () => Promise<void> | void): void {
  installExitHooks();
  cleanups.push(fn);
}

function installExitHooks() {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  // Last resort: synchronous, so it also runs when the test runner exits the process.
  process.on('exit', () => {
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
    for (const pgid of liveGroups) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, async () => {
      for (const fn of cleanups) await Promise.resolve(fn()).catch(() => {});
      await Promise.all([...liveGroups].map(pgid => killGroup(pgid, 5_000)));
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

/** The last `lines` lines of a log file, without colour codes ('' when there is none). */
export function tail(file: string | undefined, lines = 40): string {
  if (!file || !existsSync(file)) return '';
  const text = readFileSync(file, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
  return text.split('\n').slice(-lines).join('\n');
}

/**
 * Starts a TypeScript helper (`script` with `args`) in a child process (its own process group,
 * tracked) and waits for its first stdout line: a JSON description of what it serves.
 */
export async function startHelperProcess(
  script: string,
  what: string,
  {
    args = [],
    timeoutMs = 60_000,
  }: { args?: string[]; timeoutMs?: number } = {},
): Promise<{ description: any; pgid: number }> {
  const child = spawn(
    process.execPath,
    [
      '--require',
      './node_modules/@backstage/cli/config/nodeTransform.cjs',
      script,
      ...args,
    ],
    { cwd: repoRoot, detached: true, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const pgid = child.pid!;
  trackGroup(pgid);
  const line = await new Promise<string>((resolveLine, reject) => {
    let buffered = '';
    const timer = setTimeout(
      () =>
        reject(new Error(`${what} did not start within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    child.stdout!.on('data', chunk => {
      buffered += String(chunk);
      const end = buffered.indexOf('\n');
      if (end >= 0) {
        clearTimeout(timer);
        resolveLine(buffered.slice(0, end));
      }
    });
    child.on('exit', code => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code})`));
    });
  }).catch(async error => {
    await stopGroup(pgid, 2_000);
    throw error;
  });
  return { description: JSON.parse(line), pgid };
}
