import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { AppIndex } from '../lookup/AppIndex';
import { ListParser } from './ListParser';

function app(
  name: string,
  health: string,
  labels: Record<string, string> = {},
) {
  return {
    metadata: { name, namespace: 'argocd', labels },
    status: { health: { status: health } },
  };
}

const list = {
  metadata: { resourceVersion: '7' },
  items: [
    app('payments-api', 'Healthy', { team: 'payments' }),
    {
      metadata: { name: 'checkout', namespace: 'apps', labels: {} },
      status: { health: { status: 'Degraded' } },
    },
    { metadata: {} },
  ],
};
const bytes = (value: unknown) =>
  new Uint8Array(Buffer.from(JSON.stringify(value)));
const sha = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('ListParser', () => {
  const parser = new ListParser();
  afterAll(() => parser.close());

  it('hashes, parses into an index and gzips the response in its thread', async () => {
    const parsed = await parser.parse({
      instance: 'a',
      raw: bytes(list),
      gzip: true,
    });
    expect(parsed.hash).toBe(sha(list));
    expect(parsed.changed).toBe(2);
    expect(gunzipSync(parsed.payload!).toString('utf8')).toBe(
      JSON.stringify(list),
    );
    const index = parsed.index!;
    expect(index.size).toBe(2);
    expect(index.byAppName('checkout')[0]).toEqual(list.items[1]);
    expect(
      index.bySelector([{ key: 'team', op: 'in', values: ['payments'] }]),
    ).toEqual([list.items[0]]);
    expect(index.byAppName('checkout', 'argocd')).toEqual([]);
  });

  it('parses nothing when the hash is the base one', async () => {
    const parsed = await parser.parse({
      instance: 'a',
      raw: bytes(list),
      base: { hash: sha(list), index: new AppIndex([]) },
    });
    expect(parsed).toEqual({
      hash: sha(list),
      index: undefined,
      changed: undefined,
      payload: undefined,
    });
  });

  it('sends only the changed applications and keeps the objects of the others', async () => {
    const v1 = {
      items: [app('x', 'Healthy'), app('y', 'Healthy'), app('z', 'Healthy')],
    };
    const first = await parser.parse({ instance: 'b', raw: bytes(v1) });
    const base = { hash: first.hash, index: first.index! };
    const x = base.index.findByName('x')[0];
    const z = base.index.findByName('z')[0];
    // y changes, w is new, x moves behind z
    const v2 = {
      items: [
        app('z', 'Healthy'),
        app('y', 'Degraded'),
        app('w', 'Healthy'),
        app('x', 'Healthy'),
      ],
    };
    const second = await parser.parse({ instance: 'b', raw: bytes(v2), base });
    expect(second.changed).toBe(2);
    const index = second.index!;
    expect(index.size).toBe(4);
    expect(index.findByName('x')[0]).toBe(x);
    expect(index.findByName('z')[0]).toBe(z);
    expect(index.byAppName('y')[0].status.health.status).toBe('Degraded');
    expect(index.byAppName('w')[0].metadata.name).toBe('w');
    // list order is the new one
    expect(index.bySelector([]).map(a => a.metadata.name)).toEqual([
      'z',
      'y',
      'w',
      'x',
    ]);
  });

  it('parses everything again when the base is not the list it parsed last', async () => {
    const v1 = { items: [app('x', 'Healthy')] };
    const first = await parser.parse({ instance: 'c', raw: bytes(v1) });
    const v2 = { items: [app('x', 'Healthy'), app('y', 'Healthy')] };
    // a base this replica built some other way (another hash): no positions into it
    const other = await parser.parse({
      instance: 'c',
      raw: bytes(v2),
      base: { hash: 'something-else', index: first.index! },
    });
    expect(other.changed).toBe(2);
    expect(other.index!.findByName('x')[0]).not.toBe(
      first.index!.findByName('x')[0],
    );
    // same hash as the worker's last list but an index of another size: full parse too
    const v3 = { items: [app('x', 'Healthy'), app('y', 'Degraded')] };
    const third = await parser.parse({
      instance: 'c',
      raw: bytes(v3),
      base: { hash: other.hash, index: new AppIndex([]) },
    });
    expect(third.changed).toBe(2);
    expect(third.index!.size).toBe(2);
  });

  it('reads a stored gzip payload', async () => {
    const parsed = await parser.parse({
      instance: 'd',
      gz: new Uint8Array(gzipSync(JSON.stringify(list))),
    });
    expect(parsed.hash).toBe(sha(list));
    expect(parsed.index!.size).toBe(2);
  });

  it('rejects a response that is not JSON, saying so, and goes on working', async () => {
    await expect(
      parser.parse({
        instance: 'e',
        raw: new Uint8Array(Buffer.from('<html>502</html>')),
      }),
    ).rejects.toThrow(/Argo CD list response is not valid/);
    const parsed = await parser.parse({ instance: 'e', raw: bytes(list) });
    expect(parsed.index!.size).toBe(2);
  });

  it('runs jobs of several instances at once without mixing them up', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        parser.parse({
          instance: `m${i}`,
          raw: bytes({
            items: Array.from({ length: i + 1 }, (__, j) =>
              app(`a${j}`, 'Healthy'),
            ),
          }),
        }),
      ),
    );
    expect(results.map(r => r.index!.size)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('fails pending parses when closed, and starts a new thread for the next one', async () => {
    const own = new ListParser();
    const pending = own.parse({ instance: 'f', raw: bytes(list) });
    await own.close();
    await expect(pending).rejects.toThrow(/closed/);
    const again = await own.parse({ instance: 'f', raw: bytes(list) });
    expect(again.index!.size).toBe(2);
    // a parse started while the old thread is still exiting is not failed by that exit
    const closing = own.close();
    const next = own.parse({ instance: 'f', raw: bytes(list) });
    await closing;
    expect((await next).index!.size).toBe(2);
    await own.close();
  });
});
