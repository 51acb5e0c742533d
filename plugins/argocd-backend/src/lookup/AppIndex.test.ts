import type { AppEntry } from './AppEntry';
import { AppIndex } from './AppIndex';

function entry(name: string, health: string, namespace = 'argocd'): AppEntry {
  const app = {
    metadata: { name, namespace, labels: { team: 'shop' } },
    status: { health: { status: health } },
  };
  return {
    name,
    namespace,
    labels: app.metadata.labels,
    json: JSON.stringify(app),
  };
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

  it('takes an unchanged application from the previous index by its position', () => {
    const first = new AppIndex([
      entry('cart', 'Healthy'),
      entry('pay', 'Healthy'),
    ]);
    const cart = first.findByName('cart')[0];
    const second = new AppIndex([entry('pay', 'Degraded'), 0], first);
    // the same object: what was derived from it (prepared responses) stays valid
    expect(second.findByName('cart')[0]).toBe(cart);
    expect(second.byAppName('pay')[0].status.health.status).toBe('Degraded');
    expect(second.bySelector([]).map(a => a.metadata.name)).toEqual([
      'pay',
      'cart',
    ]);
  });

  it('refuses a position the previous index does not have', () => {
    const first = new AppIndex([entry('cart', 'Healthy')]);
    expect(() => new AppIndex([3], first)).toThrow(/position 3/);
    expect(() => new AppIndex([0])).toThrow(/position 0/);
  });
});
