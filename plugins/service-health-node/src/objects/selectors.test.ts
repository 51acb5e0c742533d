import { selects } from './selectors';

const labels = { app: 'payments', tier: 'api' };

describe('selects', () => {
  it.each([
    [undefined, false],
    [{}, true],
    [{ matchLabels: { app: 'payments' } }, true],
    [{ matchLabels: { app: 'payments', tier: 'web' } }, false],
    [
      {
        matchExpressions: [
          { key: 'tier', operator: 'In' as const, values: ['api', 'web'] },
        ],
      },
      true,
    ],
    [
      {
        matchExpressions: [
          { key: 'tier', operator: 'NotIn' as const, values: ['api'] },
        ],
      },
      false,
    ],
    [
      {
        matchExpressions: [
          { key: 'zone', operator: 'NotIn' as const, values: ['a'] },
        ],
      },
      true,
    ],
    [{ matchExpressions: [{ key: 'app', operator: 'Exists' as const }] }, true],
    [
      { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' as const }] },
      false,
    ],
    [
      {
        matchLabels: { app: 'payments' },
        matchExpressions: [{ key: 'zone', operator: 'Exists' as const }],
      },
      false,
    ],
  ])('%j -> %s', (selector, expected) => {
    expect(selects(selector, labels)).toBe(expected);
  });
});
