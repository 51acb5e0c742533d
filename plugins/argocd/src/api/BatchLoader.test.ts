import { BatchLoader } from './BatchLoader';

describe('BatchLoader', () => {
  it('merges the keys asked for in the same tick into one batch', async () => {
    const loadBatch = jest.fn(
      async (keys: string[]) => new Map(keys.map(k => [k, k.toUpperCase()])),
    );
    const loader = new BatchLoader({ loadBatch });

    const values = await Promise.all(
      ['a', 'b', 'c', 'a'].map(k => loader.load(k)),
    );

    expect(values).toEqual(['A', 'B', 'C', 'A']);
    expect(loadBatch).toHaveBeenCalledTimes(1);
    expect(loadBatch).toHaveBeenCalledWith(['a', 'b', 'c']);
  });

  it('sends keys asked for after a batch left in the next batch', async () => {
    const loadBatch = jest.fn(
      async (keys: string[]) => new Map(keys.map(k => [k, k.length])),
    );
    const loader = new BatchLoader({ loadBatch });

    await loader.load('one');
    await loader.load('three');

    expect(loadBatch.mock.calls).toEqual([[['one']], [['three']]]);
  });

  it('cuts batches at maxBatchSize', async () => {
    const loadBatch = jest.fn(
      async (keys: number[]) => new Map(keys.map(k => [k, k * 2])),
    );
    const loader = new BatchLoader({ loadBatch, maxBatchSize: 2 });

    const values = await Promise.all([1, 2, 3, 4, 5].map(k => loader.load(k)));

    expect(values).toEqual([2, 4, 6, 8, 10]);
    expect(loadBatch.mock.calls).toEqual([[[1, 2]], [[3, 4]], [[5]]]);
  });

  it('rejects every key of a failed batch, and a key the answer lacks', async () => {
    const failing = new BatchLoader<string, string>({
      loadBatch: async () => {
        throw new Error('HTTP 503');
      },
    });
    await expect(
      Promise.allSettled([failing.load('a'), failing.load('b')]),
    ).resolves.toEqual([
      { status: 'rejected', reason: new Error('HTTP 503') },
      { status: 'rejected', reason: new Error('HTTP 503') },
    ]);

    const partial = new BatchLoader<string, string>({
      loadBatch: async () => new Map([['a', 'A']]),
    });
    const [a, b] = await Promise.allSettled([
      partial.load('a'),
      partial.load('b'),
    ]);
    expect(a).toEqual({ status: 'fulfilled', value: 'A' });
    expect(b).toEqual({
      status: 'rejected',
      reason: new Error('No status returned for b'),
    });
  });
});
