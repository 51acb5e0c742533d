import { setTimeout as sleep } from 'node:timers/promises';

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops the process group `pgid`: SIGTERM to every process in it, SIGKILL to what is left after
 * `graceMs`. Resolves when no process of the group is left.
 */
export async function killGroup(pgid: number, graceMs = 10_000): Promise<void> {
  if (!groupAlive(pgid)) return;
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(200);
  if (!groupAlive(pgid)) return;
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    return;
  }
  while (groupAlive(pgid)) await sleep(100);
}
