/**
 * Runs `fn` with `Date` stopped at `at` (ms; default: now) and everything else real (timers,
 * ticks, sockets, the real Prometheus or the Grafana stand-in), so that the backend's windows,
 * time buckets and cache expiry cannot move during a burst of requests: a test counting upstream
 * calls then counts what the code does, not where a second or a step boundary happened to fall.
 */
export async function withFrozenDate<T>(
  fn: () => Promise<T>,
  at: number = Date.now(),
): Promise<T> {
  jest.useFakeTimers({
    now: at,
    // everything jest can fake but Date
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
  try {
    return await fn();
  } finally {
    jest.useRealTimers();
  }
}
