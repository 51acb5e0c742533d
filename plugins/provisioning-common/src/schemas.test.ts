import {
  callbackTokenSecretName,
  findSecretLikeKey,
  RUN_PARAMETERS_MAX_BYTES,
  runEventRequestSchema,
  triggerRunRequestSchema,
} from './schemas';

describe('triggerRunRequestSchema', () => {
  it('accepts a run and defaults its parameters', () => {
    expect(
      triggerRunRequestSchema.parse({
        template: 'new-environment',
        entityRef: 'component:default/payments-svc',
      }),
    ).toEqual({
      template: 'new-environment',
      entityRef: 'component:default/payments-svc',
      parameters: {},
    });
  });

  it('refuses parameters that name a secret, naming the field', () => {
    const result = triggerRunRequestSchema.safeParse({
      template: 'new-environment',
      entityRef: 'component:default/payments-svc',
      parameters: { db: { adminPassword: 'x' } },
    });
    expect(result.success).toBe(false);
    expect(!result.success && result.error.issues[0].path).toEqual([
      'parameters',
      'db',
      'adminPassword',
    ]);
  });

  it('refuses a short entity ref and unknown fields', () => {
    expect(
      triggerRunRequestSchema.safeParse({
        template: 't',
        entityRef: 'payments',
      }).success,
    ).toBe(false);
    expect(
      triggerRunRequestSchema.safeParse({
        template: 't',
        entityRef: 'component:default/a',
        extra: 1,
      }).success,
    ).toBe(false);
  });
});

describe('findSecretLikeKey', () => {
  it('finds keys at any depth, also in arrays', () => {
    expect(findSecretLikeKey({ a: [{ b: 1 }, { apiKey: 'k' }] })).toBe(
      'a.1.apiKey',
    );
    expect(findSecretLikeKey({ secretName: 'db-creds' })).toBeUndefined();
    expect(findSecretLikeKey({ name: 'x', tokens: 3 })).toBeUndefined();
  });
});

describe('runEventRequestSchema', () => {
  it('accepts a step report with resources', () => {
    expect(
      runEventRequestSchema.parse({
        eventId: 'wf-1:namespace:running',
        step: 'namespace',
        status: 'running',
        resources: [{ title: 'Namespace', url: 'https://k8s.example/ns/a' }],
      }),
    ).toMatchObject({ final: false, resources: [{ title: 'Namespace' }] });
  });

  it('refuses non-http resource URLs and unknown statuses', () => {
    expect(
      runEventRequestSchema.safeParse({
        eventId: 'e',
        step: 's',
        status: 'running',
        resources: [{ title: 'x', url: ['javascript', 'alert(1)'].join(':') }],
      }).success,
    ).toBe(false);
    expect(
      runEventRequestSchema.safeParse({
        eventId: 'e',
        step: 's',
        status: 'done',
      }).success,
    ).toBe(false);
  });
});

describe('run parameters size', () => {
  it('refuses parameters larger than RUN_PARAMETERS_MAX_BYTES as JSON', () => {
    const base = {
      template: 'new-environment',
      entityRef: 'component:default/payments-svc',
    };
    expect(
      triggerRunRequestSchema.safeParse({
        ...base,
        parameters: { note: 'x'.repeat(RUN_PARAMETERS_MAX_BYTES) },
      }).success,
    ).toBe(false);
    expect(
      triggerRunRequestSchema.safeParse({
        ...base,
        parameters: { note: 'x'.repeat(1000) },
      }).success,
    ).toBe(true);
  });
});

describe('callbackTokenSecretName', () => {
  it('names the Secret after the run', () => {
    expect(
      callbackTokenSecretName('0b0e7d7e-1f0a-4b7e-9a55-2d7b9a1c0d11'),
    ).toBe('portico-run-0b0e7d7e-1f0a-4b7e-9a55-2d7b9a1c0d11');
  });
});
