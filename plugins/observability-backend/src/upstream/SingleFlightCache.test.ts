import { SingleFlightCache } from './SingleFlightCache';

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
