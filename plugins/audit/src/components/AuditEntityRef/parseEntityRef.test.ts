import { parseEntityRef } from './parseEntityRef';

describe('parseEntityRef', () => {
  it('reads a full ref and lower-cases kind and namespace', () => {
    expect(parseEntityRef('Component:Payments/checkout-API')).toEqual({
      kind: 'component',
      namespace: 'payments',
      name: 'checkout-API',
    });
  });

  it('uses the default namespace when there is none', () => {
    expect(parseEntityRef('group:auditors')).toEqual({
      kind: 'group',
      namespace: 'default',
      name: 'auditors',
    });
  });

  it.each(['', 'checkout', 'component:', 'a:b/c/d', 'https://example.com/x'])(
    'refuses %j',
    ref => {
      expect(parseEntityRef(ref)).toBeUndefined();
    },
  );
});
