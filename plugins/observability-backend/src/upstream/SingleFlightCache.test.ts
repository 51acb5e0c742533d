import { estimateBytes, SingleFlightCache } from './SingleFlightCache';

describe('SingleFlightCache', () => {
  let now = 0;
  const cache = () =>
    new SingleFlightCache<number>({
      ttlMs: 1000,
      maxEntries: 2,
      now: () => now,
    });

  beforeEach(() => {
    now = 0;
  });

  it('runs one load for concurrent identical keys and reuses it until the TTL', async () => {
    const c = cache();
    let release!: (n: number) => void;
    const load = jest.fn(() => new Promise<number>(r => (release = r)));
    const all = Promise.all([
      c.get('k', load),
      c.get('k', load),
      c.get('k', load),
    ]);
    release(42);
    expect(await all).toEqual([42, 42, 42]);
    expect(load).toHaveBeenCalledTimes(1);
    now = 999;
    expect(await c.get('k', load)).toBe(42);
    expect(load).toHaveBeenCalledTimes(1);
    now = 1001;
    await c.get('k', async () => 43);
    expect(c.misses).toBe(2);
    expect(c.hits).toBe(3);
  });

  it('does not keep failures', async () => {
    const c = cache();
    await expect(
      c.get('k', async () => Promise.reject(new Error('x'))),
    ).rejects.toThrow('x');
    expect(await c.get('k', async () => 1)).toBe(1);
  });

  it('evicts the least recently used entry', async () => {
    const c = cache();
    await c.get('a', async () => 1);
    await c.get('b', async () => 2);
    await c.get('a', async () => 0); // a is now the most recent
    await c.get('c', async () => 3);
    expect(c.size).toBe(2);
    expect(await c.get('a', async () => -1)).toBe(1);
    expect(await c.get('b', async () => -2)).toBe(-2);
  });
});

describe('SingleFlightCache in bytes', () => {
  const series = (points: number) => [
    {
      metric: { app: 'checkout' },
      points: Array.from({ length: points }, (_, i) => [i, i / 2]),
    },
  ];

  it('estimates the size of upstream answers from their content', () => {
    expect(estimateBytes(series(1000))).toBeGreaterThan(
      10 * estimateBytes(series(50)),
    );
    expect(estimateBytes(Buffer.alloc(10_000))).toBeGreaterThanOrEqual(10_000);
    expect(estimateBytes('x'.repeat(1000))).toBeGreaterThanOrEqual(2000);
  });

  it('keeps results within maxBytes, dropping the least recently used first', async () => {
    const one = estimateBytes(series(100));
    const c = new SingleFlightCache<unknown>({
      ttlMs: 60_000,
      maxEntries: 1000,
      maxBytes: one * 3,
    });
    for (let i = 0; i < 10; i++) {
      await c.get(`k${i}`, async () => series(100));
    }
    expect(c.size).toBe(3);
    expect(c.bytes).toBeLessThanOrEqual(one * 3);
    const load = jest.fn(async () => series(100));
    await c.get('k9', load);
    expect(load).not.toHaveBeenCalled();
    await c.get('k0', load);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('answers but does not keep a result larger than the whole budget', async () => {
    const c = new SingleFlightCache<unknown>({
      ttlMs: 60_000,
      maxEntries: 1000,
      maxBytes: 10_000,
    });
    await c.get('small', async () => series(10));
    await expect(
      c.get('huge', async () => series(100_000)),
    ).resolves.toHaveLength(1);
    expect(c.size).toBe(1);
    expect(c.bytes).toBe(estimateBytes(series(10)));
  });

  it('still coalesces concurrent callers of a result it will not keep', async () => {
    const c = new SingleFlightCache<unknown>({
      ttlMs: 60_000,
      maxEntries: 1000,
      maxBytes: 100,
    });
    const load = jest.fn(async () => series(1000));
    await Promise.all([c.get('k', load), c.get('k', load), c.get('k', load)]);
    expect(load).toHaveBeenCalledTimes(1);
    expect(c.size).toBe(0);
    expect(c.bytes).toBe(0);
  });
});
