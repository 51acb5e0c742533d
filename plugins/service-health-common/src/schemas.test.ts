import { batchRequestSchema, MAX_BATCH_REFS } from './schemas';
import { parseProjectSlug } from './annotations';

describe('batchRequestSchema', () => {
  it('accepts a page of refs and refuses empty, oversized or extra fields', () => {
    expect(
      batchRequestSchema.safeParse({ entityRefs: ['component:default/a'] })
        .success,
    ).toBe(true);
    expect(batchRequestSchema.safeParse({ entityRefs: [] }).success).toBe(
      false,
    );
    const big = Array.from(
      { length: MAX_BATCH_REFS + 1 },
      (_, i) => `component:default/c${i}`,
    );
    expect(batchRequestSchema.safeParse({ entityRefs: big }).success).toBe(
      false,
    );
    expect(
      batchRequestSchema.safeParse({ entityRefs: ['a'], extra: 1 }).success,
    ).toBe(false);
  });
});

describe('parseProjectSlug', () => {
  it('reads owner/repo', () => {
    expect(parseProjectSlug('acme/payments')).toEqual({
      owner: 'acme',
      repo: 'payments',
    });
  });
  it.each([
    '',
    'acme',
    'a/b/c',
    '../x',
    'acme/..',
    'acme/pay ments',
    'a/b?x=1',
  ])('refuses %j', value => {
    expect(parseProjectSlug(value)).toBeUndefined();
  });
});
