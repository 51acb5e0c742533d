import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import type { PortalCommand } from './portalCommand';
import { killGroup } from '../processGroup';

/** The running portal (frontend dev server + backend), its output going to a log file. */
export interface Portal {
  pid: number;
  /** Why the portal is gone ('exit 1', 'signal SIGKILL'), or undefined while it runs. */
  exited(): string | undefined;
  /** Called once when the portal exits (whether or not stop() was called). */
  onExit(listener: (reason: string) => void): void;
  /** Stops the portal's whole process group (SIGTERM, SIGKILL after a grace period). */
  stop(): Promise<void>;
}

/**
 * Spawns the portal in a process group of its own, so that stopping it reaches every process it
 * started (backstage-cli, the backend it forks, their children such as mkdocs), stdout and
 * stderr appended to `logFile`.
 */
export function startPortal(command: PortalCommand, logFile: string): Portal {
  const out = openSync(logFile, 'w');
  const child = spawn(command.command, command.args, {
    cwd: command.cwd,
    env: command.env,
    detached: true,
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  let reason: string | undefined;
  const listeners: ((reason: string) => void)[] = [];
  child.once('error', error => {
    reason ??= `could not start: ${error.message}`;
    listeners.forEach(l => l(reason!));
  });
  child.once('exit', (code, signal) => {
    reason ??= signal ? `signal ${signal}` : `exit ${code}`;
    listeners.forEach(l => l(reason!));
  });
  const pid = child.pid ?? -1;
  return {
    pid,
    exited: () => reason,
    onExit: listener => listeners.push(listener),
    // The group outlives its leader when a child is still running: stop the group either way.
    stop: () => (pid > 0 ? killGroup(pid) : Promise.resolve()),
  };
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * The last `lines` lines of the portal's log that can tell why it stopped: colours stripped,
 * the backend's one-line-per-request access log left out ('' when the file cannot be read).
 */
export function logTail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8')
      .replace(ANSI, '')
      .trimEnd()
      .split('\n')
      .filter(line => !line.includes('type="incomingRequest"'))
      .slice(-lines)
      .join('\n');
  } catch {
    return '';
  }
}
