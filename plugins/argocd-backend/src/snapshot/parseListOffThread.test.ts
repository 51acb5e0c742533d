import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { AppIndex } from '../lookup/AppIndex';
import { parseListOffThread } from './parseListOffThread';

const list = {
  metadata: { resourceVersion: '7' },
  items: [
    {
      metadata: {
        name: 'payments-api',
        namespace: 'argocd',
        labels: { team: 'payments' },
      },
      status: { sync: { status: 'Synced' } },
    },
    {
      metadata: { name: 'checkout', namespace: 'apps', labels: {} },
      status: { health: { status: 'Degraded' } },
    },
    { metadata: {} },
  ],
};
const raw = JSON.stringify(list);
const sha = createHash('sha256').update(raw).digest('hex');

describe('parseListOffThread', () => {
  it('hashes, parses into index entries and gzips the response in a worker', async () => {
    const parsed = await parseListOffThread({ raw, gzip: true });
    expect(parsed.hash).toBe(sha);
    expect(parsed.entries?.map(e => [e.name, e.namespace, e.labels])).toEqual([
      ['payments-api', 'argocd', { team: 'payments' }],
      ['checkout', 'apps', {}],
    ]);
    expect(gunzipSync(parsed.payload!).toString('utf8')).toBe(raw);
    const index = new AppIndex(parsed.entries!);
    expect(index.size).toBe(2);
    expect(index.byAppName('checkout')[0]).toEqual(list.items[1]);
    expect(
      index.bySelector([{ key: 'team', op: 'in', values: ['payments'] }]),
    ).toEqual([list.items[0]]);
    expect(index.byAppName('checkout', 'argocd')).toEqual([]);
  });

  it('parses nothing when the hash is the previous one', async () => {
    const parsed = await parseListOffThread({ raw, previousHash: sha });
    expect(parsed).toEqual({
      hash: sha,
      entries: undefined,
      payload: undefined,
    });
  });

  it('reads a stored gzip payload', async () => {
    const parsed = await parseListOffThread({
      gz: new Uint8Array(gzipSync(raw)),
    });
    expect(parsed.hash).toBe(sha);
    expect(parsed.entries).toHaveLength(2);
  });

  it('rejects a response that is not JSON, saying so', async () => {
    await expect(
      parseListOffThread({ raw: '<html>502</html>' }),
    ).rejects.toThrow(/Argo CD list response is not valid/);
  });
});
