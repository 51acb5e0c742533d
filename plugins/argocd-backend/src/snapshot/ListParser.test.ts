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

describe('ListParser', () => {
  const parser = new ListParser();
  afterAll(() => parser.close());

  it('parses into entries an index takes, in its thread', async () => {
    const parsed = await parser.parse({ raw: bytes(list) });
    expect(parsed.resourceVersion).toBe('7');
    expect(parsed.count).toBe(2);
    const index = new AppIndex(parsed.entries);
    expect(index.size).toBe(2);
    expect(index.byAppName('checkout')[0]).toEqual(list.items[1]);
    expect(
      index.bySelector([{ key: 'team', op: 'in', values: ['payments'] }]),
    ).toEqual([list.items[0]]);
    expect(index.byAppName('checkout', 'argocd')).toEqual([]);
  });

  it('sends nothing for a list the caller already holds', async () => {
    const first = await parser.parse({ raw: bytes(list) });
    const index = new AppIndex(first.entries);
    const again = await parser.parse({
      raw: bytes(list),
      known: index.hashes(),
    });
    expect(again).toEqual({
      resourceVersion: '7',
      entries: [],
      removed: [],
      count: 2,
    });
  });

  it('sends only the changed applications, so the index keeps the objects of the others', async () => {
    const v1 = {
      items: [app('x', 'Healthy'), app('y', 'Healthy'), app('z', 'Healthy')],
    };
    const index = new AppIndex(
      (await parser.parse({ raw: bytes(v1) })).entries,
    );
    const x = index.findByName('x')[0];
    const z = index.findByName('z')[0];
    // y changes, w is new, z is gone
    const v2 = {
      items: [app('y', 'Degraded'), app('w', 'Healthy'), app('x', 'Healthy')],
    };
    const second = await parser.parse({
      raw: bytes(v2),
      known: index.hashes(),
    });
    expect(second.entries.map(e => e.name)).toEqual(['y', 'w']);
    expect(second.removed).toEqual(['argocd/z']);
    index.apply(second.entries, second.removed);
    expect(index.size).toBe(3);
    expect(index.findByName('x')[0]).toBe(x);
    expect(index.findByName('z')[0]).toBeUndefined();
    expect(z.name).toBe('z');
    expect(index.byAppName('y')[0].status.health.status).toBe('Degraded');
  });

  it('compares by content, not by what the caller says it parsed last', async () => {
    const v1 = { items: [app('x', 'Healthy')] };
    const known = new Map([['argocd/x', 'not-its-hash']]);
    const other = await parser.parse({ raw: bytes(v1), known });
    expect(other.entries.map(e => e.name)).toEqual(['x']);
    expect(other.removed).toEqual([]);
  });

  it('gives an empty list for a list without items', async () => {
    const parsed = await parser.parse({ raw: bytes({ metadata: {} }) });
    expect(parsed).toMatchObject({ entries: [], removed: [], count: 0 });
  });

  it('rejects a response that is not JSON, saying so, and goes on working', async () => {
    await expect(
      parser.parse({ raw: new Uint8Array(Buffer.from('<html>502</html>')) }),
    ).rejects.toThrow(/Argo CD list response is not valid/);
    const parsed = await parser.parse({ raw: bytes(list) });
    expect(parsed.count).toBe(2);
  });

  it('runs several jobs at once without mixing them up', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        parser.parse({
          raw: bytes({
            items: Array.from({ length: i + 1 }, (__, j) =>
              app(`a${j}`, 'Healthy'),
            ),
          }),
        }),
      ),
    );
    expect(results.map(r => r.count)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('fails pending parses when closed, starts a new thread for the next one, and stops an idle one', async () => {
    const own = new ListParser(50);
    const pending = own.parse({ raw: bytes(list) });
    await own.close();
    await expect(pending).rejects.toThrow(/closed/);
    const again = await own.parse({ raw: bytes(list) });
    expect(again.count).toBe(2);
    // a parse started while the old thread is still exiting is not failed by that exit
    const closing = own.close();
    const next = own.parse({ raw: bytes(list) });
    await closing;
    expect((await next).count).toBe(2);
    // idle: the thread (and the heap a list took in it) is gone, the next parse starts another
    await new Promise(r => setTimeout(r, 150));
    expect((own as any).worker).toBeUndefined();
    expect((await own.parse({ raw: bytes(list) })).count).toBe(2);
    await own.close();
  });
});
