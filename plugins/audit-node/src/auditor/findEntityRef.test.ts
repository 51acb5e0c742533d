import { findEntityRef } from './findEntityRef';

describe('findEntityRef', () => {
  it.each([
    [{ entityRef: 'component:default/checkout' }, 'component:default/checkout'],
    [{ entityRef: 'Component:Default/Checkout' }, 'component:default/checkout'],
    [{ entity: 'component:checkout' }, 'component:default/checkout'],
    [{ targetRef: 'api:payments/ledger' }, 'api:payments/ledger'],
    [
      { ref: { kind: 'System', namespace: 'shop', name: 'orders' } },
      'system:shop/orders',
    ],
    [
      { entity: { kind: 'Component', metadata: { name: 'web' } } },
      'component:default/web',
    ],
    [
      { templateRef: 'template:default/new-service' },
      'template:default/new-service',
    ],
    [
      { entityRefs: ['not a ref', 'group:default/team-a'] },
      'group:default/team-a',
    ],
    [
      { queryType: 'by-name', other: 'resource:default/db' },
      'resource:default/db',
    ],
    [
      { nested: { deeper: ['location:default/root'] } },
      'location:default/root',
    ],
  ])('%j → %s', (meta, expected) => {
    expect(findEntityRef(meta)).toBe(expected);
  });

  it.each([
    [undefined],
    [{}],
    [{ url: 'https://example.com/a/b' }],
    [{ name: 'checkout' }],
    [{ entityRef: '[REDACTED]' }],
    [{ text: 'component: default/x' }],
    [{ a: { b: { c: { d: 'component:default/too-deep' } } } }],
  ])('%j → nothing', meta => {
    expect(findEntityRef(meta)).toBeUndefined();
  });

  it('prefers an entity key over other refs', () => {
    expect(
      findEntityRef({
        owner: 'group:default/a',
        entityRef: 'component:default/b',
      }),
    ).toBe('component:default/b');
  });
});
