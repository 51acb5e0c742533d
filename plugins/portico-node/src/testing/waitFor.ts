/** How long {@link waitFor} keeps asking, and how often. */
export interface WaitForOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Asks `probe` until it returns something other than `undefined` (or `false`), and returns that.
 * A probe that throws counts as "not yet"; on timeout the error names `what` and the probe's last
 * error, so a failing test says what it was waiting for.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  { timeoutMs = 20_000, intervalMs = 100 }: WaitForOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) {
      const reason = last ? ` (last: ${(last as Error).message ?? last})` : '';
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}${reason}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
}
