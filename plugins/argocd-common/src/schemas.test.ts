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

  it('take at most an application namespace as the action body, nothing that widens it', () => {
    expect(applicationActionRequestSchema.safeParse({}).success).toBe(true);
    expect(
      applicationActionRequestSchema.safeParse({ appNamespace: 'team-x' })
        .success,
    ).toBe(true);
    // the application is named in the path; no list, selector or sync options in the body
    for (const body of [
      { prune: true },
      { applications: [{ instance: 'prod', name: 'cart' }] },
      { selector: '!nonexistent' },
      { appNamespace: '../kube-system' },
    ]) {
      expect(applicationActionRequestSchema.safeParse(body).success).toBe(
        false,
      );
    }
  });
});
