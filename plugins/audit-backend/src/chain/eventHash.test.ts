import {
  canonicalJson,
  computeEventHash,
  GENESIS_HASH,
  type ChainedEventFields,
} from './eventHash';

const fields: ChainedEventFields = {
  id: '1',
  time: '2024-05-01T00:00:00.000Z',
  plugin: 'catalog',
  eventId: 'entity-fetch',
  action: 'catalog.entity-fetch',
  severity: 'low',
  outcome: 'succeeded',
  actorId: null,
  actorType: 'anonymous',
  ip: null,
  userAgent: null,
  entityRef: null,
  requestId: 'r',
  requestMethod: null,
  requestUrl: null,
  meta: { b: [1, { d: 2, c: 'x' }], a: null },
  error: null,
};

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(
      canonicalJson({ b: 1, a: { z: [3, { y: 1, x: 2 }], w: undefined } }),
    ).toBe('{"a":{"z":[3,{"x":2,"y":1}]},"b":1}');
    expect(canonicalJson('é"\n')).toBe(JSON.stringify('é"\n'));
    expect(canonicalJson(undefined)).toBe('null');
  });
});

describe('computeEventHash', () => {
  it('depends on the previous hash and on every field, not on key order', () => {
    const hash = computeEventHash(GENESIS_HASH, fields);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(
      computeEventHash(GENESIS_HASH, {
        ...fields,
        meta: { a: null, b: [1, { c: 'x', d: 2 }] },
      }),
    ).toBe(hash);
    expect(computeEventHash('1'.repeat(64), fields)).not.toBe(hash);
    expect(computeEventHash(GENESIS_HASH, { ...fields, id: '2' })).not.toBe(
      hash,
    );
    expect(computeEventHash(GENESIS_HASH, { ...fields, meta: null })).not.toBe(
      hash,
    );
  });
});
