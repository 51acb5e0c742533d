import type { ArgoCdClient, RevisionMetadata } from '../upstream/ArgoCdClient';
import { RevisionMetadataCache } from './RevisionMetadataCache';
import type { RevisionKey, SnapshotStore } from './SnapshotStore';

function setup(
  revisionMetadata: (revision: string) => Promise<RevisionMetadata>,
  limits = { maxEntries: 50, maxBytes: 40_000, maxFailures: 20 },
) {
  const stored = new Map<string, RevisionMetadata>();
  const store = {
    getRevisionMetadata: async (k: RevisionKey) => stored.get(k.revision),
    putRevisionMetadata: async (k: RevisionKey, m: RevisionMetadata) => {
      stored.set(k.revision, m);
    },
  } as unknown as SnapshotStore;
  const calls: string[] = [];
  const client = {
    revisionMetadata: async (_n: string, _ns: string, revision: string) => {
      calls.push(revision);
      return revisionMetadata(revision);
    },
  } as unknown as ArgoCdClient;
  const cache = new RevisionMetadataCache(
    store,
    new Map([['prod', client]]),
    limits,
  );
  const key = (revision: string): RevisionKey => ({
    instance: 'prod',
    appNamespace: 'argocd',
    appName: 'cart',
    revision,
  });
  return { cache, calls, stored, key };
}

describe('RevisionMetadataCache', () => {
  it('fetches a revision once, then answers from memory', async () => {
    const { cache, calls, key } = setup(async r => ({ author: `a ${r}` }));
    expect(await cache.get(key('r1'))).toEqual({ author: 'a r1' });
    expect(await cache.get(key('r1'))).toEqual({ author: 'a r1' });
    expect(calls).toEqual(['r1']);
  });

  it('keeps at most maxFailures failed revisions (a flood of failures does not grow memory)', async () => {
    const { cache, calls, key } = setup(async () => {
      throw new Error('revision not found');
    });
    for (let i = 0; i < 500; i++) {
      expect(await cache.get(key(`bad-${i}`))).toBeUndefined();
    }
    expect(cache.stats().failures).toBe(20);
    // a remembered failure is not retried
    const before = calls.length;
    await cache.get(key('bad-499'));
    expect(calls.length).toBe(before);
  });

  it('is bounded in entries and in bytes, and clips fields as the database does', async () => {
    const huge = 'x'.repeat(100_000);
    const { cache, key, stored } = setup(async r => ({
      author: huge,
      date: huge,
      message: `${r} ${huge}`,
    }));
    for (let i = 0; i < 200; i++) await cache.get(key(`r${i}`));
    const { entries, bytes } = cache.stats();
    expect(bytes).toBeLessThanOrEqual(40_000);
    expect(entries).toBeGreaterThan(0);
    expect(entries).toBeLessThanOrEqual(50);
    const newest = await cache.get(key('r199'));
    expect(newest?.message).toHaveLength(4000);
    expect(newest?.author).toHaveLength(1000);
    expect(newest?.date).toHaveLength(64);
    expect(stored.get('r199')).toEqual(newest);

    const small = setup(async r => ({ message: r }));
    for (let i = 0; i < 200; i++) await small.cache.get(small.key(`r${i}`));
    expect(small.cache.stats().entries).toBe(50);
  });
});
