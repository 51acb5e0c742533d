import { RateLimitedError, RateLimiter } from './RateLimiter';

describe('RateLimiter', () => {
  let now = 0;
  const limiter = (maxCallers = 100) =>
    new RateLimiter({ requestsPerMinute: 60, burst: 3, maxCallers }, () => now);
  beforeEach(() => {
    now = 0;
  });

  it('allows the burst, then one request a second, per caller', () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) l.take('user:default/bob');
    let error: RateLimitedError | undefined;
    try {
      l.take('user:default/bob');
    } catch (e) {
      error = e as RateLimitedError;
    }
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error!.statusCode).toBe(429);
    expect(error!.retryAfterSeconds).toBe(1);
    expect(error!.message).toContain('user:default/bob');
    expect(error!.message).toContain('observability.rateLimit');
    // someone else is not affected
    expect(() => l.take('user:default/alice')).not.toThrow();
    now = 1000;
    expect(() => l.take('user:default/bob')).not.toThrow();
    expect(() => l.take('user:default/bob')).toThrow(RateLimitedError);
  });

  it("marks a caller's first refusal in a minute, so a flood is reported once a minute", () => {
    const l = limiter();
    const refusals = (caller: string, n: number) =>
      Array.from({ length: n }, () => {
        try {
          l.take(caller);
          return 'allowed';
        } catch (e) {
          return (e as RateLimitedError).firstRefusal ? 'first' : 'again';
        }
      });
    expect(refusals('user:default/bob', 6)).toEqual([
      'allowed',
      'allowed',
      'allowed',
      'first',
      'again',
      'again',
    ]);
    // another caller's flood is its own
    expect(refusals('user:default/alice', 4).slice(3)).toEqual(['first']);
    now = 30_000; // refilled, flooded again within the minute: not reported again
    expect(refusals('user:default/bob', 4)).toEqual([
      'allowed',
      'allowed',
      'allowed',
      'again',
    ]);
    now = 60_000;
    expect(refusals('user:default/bob', 4)).toEqual([
      'allowed',
      'allowed',
      'allowed',
      'first',
    ]);
  });

  it('remembers at most maxCallers callers', () => {
    const l = limiter(10);
    for (let i = 0; i < 1000; i++) l.take(`user:default/u${i}`);
    expect(l.size).toBe(10);
  });
});
