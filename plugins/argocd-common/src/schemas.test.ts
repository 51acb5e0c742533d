import {
  applicationActionRequestSchema,
  argoNameSchema,
  statusRequestSchema,
} from './schemas';

describe('request schemas', () => {
  it('accept a page of entity refs and refuse empty or oversized pages', () => {
    expect(
      statusRequestSchema.safeParse({ entityRefs: ['component:default/a'] })
        .success,
    ).toBe(true);
    expect(statusRequestSchema.safeParse({ entityRefs: [] }).success).toBe(
      false,
    );
    const big = Array.from(
      { length: 501 },
      (_, i) => `component:default/c${i}`,
    );
    expect(statusRequestSchema.safeParse({ entityRefs: big }).success).toBe(
      false,
    );
  });

  it.each(['payments', 'a.b_c-1'])('accept the name %j', name => {
    expect(argoNameSchema.safeParse(name).success).toBe(true);
  });

  it.each(['', 'a/b', '..', '.hidden', 'x\u0001y', 'a%2Fb', 'a b'])(
    'refuse the name %j',
    name => {
      expect(argoNameSchema.safeParse(name).success).toBe(false);
    },
  );

  it('restrict actions to named applications, and nothing else', () => {
    expect(applicationActionRequestSchema.safeParse({}).success).toBe(true);
    expect(
      applicationActionRequestSchema.safeParse({
        applications: [{ instance: 'prod', name: 'cart' }],
      }).success,
    ).toBe(true);
    expect(
      applicationActionRequestSchema.safeParse({ prune: true }).success,
    ).toBe(false);
    expect(
      applicationActionRequestSchema.safeParse({
        applications: [{ instance: 'prod', name: '../x' }],
      }).success,
    ).toBe(false);
  });
});
