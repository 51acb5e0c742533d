import { AppEntry, appKey, toAppEntry } from '../upstream/applicationFields';
import { AppIndex } from './AppIndex';

function entry(name: string, health: string, namespace = 'argocd'): AppEntry {
  return toAppEntry({
    metadata: { name, namespace, labels: { team: 'shop' } },
    status: { health: { status: health } },
  })!;
}

describe('AppIndex', () => {
  it('finds applications by name, namespace and label', () => {
    const index = new AppIndex([
      entry('cart', 'Healthy'),
      entry('cart', 'Degraded', 'team-x'),
    ]);
    expect(index.byAppName('cart')).toHaveLength(2);
    expect(index.byAppName('cart', 'team-x')[0].status.health.status).toBe(
      'Degraded',
    );
    expect(index.byAppName('nope')).toEqual([]);
    expect(
      index.bySelector([{ key: 'team', op: 'in', values: ['shop'] }]),
    ).toHaveLength(2);
  });

  it('keeps the object of an unchanged application and replaces a changed one in place', () => {
    const index = new AppIndex([
      entry('cart', 'Healthy'),
      entry('pay', 'Healthy'),
    ]);
    const cart = index.findByName('cart')[0];
    const pay = index.findByName('pay')[0];
    index.apply([entry('cart', 'Healthy'), entry('pay', 'Degraded')], []);
    // the same object: what was derived from it (prepared responses) stays valid
    expect(index.findByName('cart')[0]).toBe(cart);
    expect(index.findByName('pay')[0]).not.toBe(pay);
    expect(index.byAppName('pay')[0].status.health.status).toBe('Degraded');
    expect(index.bySelector([]).map(a => a.metadata.name)).toEqual([
      'cart',
      'pay',
    ]);
    expect(
      index.findBySelector([{ key: 'team', op: 'in', values: ['shop'] }]),
    ).toHaveLength(2);
  });

  it('removes applications from every index, and gives the hashes a relist compares', () => {
    const index = new AppIndex([
      entry('cart', 'Healthy'),
      entry('pay', 'Healthy'),
    ]);
    index.apply([], [appKey('argocd', 'cart'), appKey('argocd', 'nope')]);
    expect(index.size).toBe(1);
    expect(index.findByName('cart')).toEqual([]);
    expect(
      index.findBySelector([{ key: 'team', op: 'in', values: ['shop'] }]),
    ).toHaveLength(1);
    expect([...index.hashes()]).toEqual([
      ['argocd/pay', entry('pay', 'Healthy').hash],
    ]);
  });
});
