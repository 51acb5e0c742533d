import { AuditRedactor, REDACTED } from './AuditRedactor';

describe('AuditRedactor', () => {
  const redactor = new AuditRedactor(['s3cr3t-config-value', 'pw', '']);

  it('redacts values under credential-like keys, at any depth', () => {
    expect(
      redactor.redactMeta({
        name: 'deploy',
        token: 'abc',
        nested: {
          clientSecret: { deep: 'x' },
          Authorization: 'Bearer y',
          list: [{ api_key: 'k' }, { apiKey: 'k2' }, { 'private-key': 'p' }],
          cookie: 'c',
          PASSWD: 'p',
          credentials: ['a'],
        },
      }),
    ).toEqual({
      name: 'deploy',
      token: REDACTED,
      nested: {
        clientSecret: REDACTED,
        Authorization: REDACTED,
        list: [
          { api_key: REDACTED },
          { apiKey: REDACTED },
          { 'private-key': REDACTED },
        ],
        cookie: REDACTED,
        PASSWD: REDACTED,
        credentials: REDACTED,
      },
    });
  });

  it('redacts config secret values wherever they appear', () => {
    expect(
      redactor.redactMeta({
        harmless: 's3cr3t-config-value',
        inText: 'url https://u:s3cr3t-config-value@db',
        short: 'pw',
        shortInside: 'pwd is not redacted inside text',
        list: ['s3cr3t-config-value'],
      }),
    ).toEqual({
      harmless: REDACTED,
      inText: `url https://u:${REDACTED}@db`,
      short: REDACTED,
      shortInside: 'pwd is not redacted inside text',
      list: [REDACTED],
    });
    expect(redactor.redactText('failed with s3cr3t-config-value')).toBe(
      `failed with ${REDACTED}`,
    );
  });

  it('redacts credential-like query parameters of URLs', () => {
    expect(
      redactor.redactUrl('/api/x/y?token=abc&page=2&api_key=zz&flag'),
    ).toBe('/api/x/y?token=%5BREDACTED%5D&page=2&api_key=%5BREDACTED%5D&flag');
    expect(redactor.redactUrl('/api/catalog/entities')).toBe(
      '/api/catalog/entities',
    );
  });

  it('turns anything into storable JSON', () => {
    const circular: Record<string, unknown> = { a: 1 };
    circular.self = circular;
    const meta = redactor.redactMeta({
      date: new Date('2024-01-02T03:04:05.678Z'),
      error: new TypeError('bad s3cr3t-config-value'),
      big: 10n,
      nan: NaN,
      fn: () => 1,
      undef: undefined,
      nul: 'a\u0000b',
      lone: 'x\uD800y',
      circular,
      shared: [circular.a, circular.a],
    });
    expect(meta).toEqual({
      date: '2024-01-02T03:04:05.678Z',
      error: { name: 'TypeError', message: `bad ${REDACTED}` },
      big: '10',
      nan: null,
      nul: 'ab',
      lone: 'x\uFFFDy',
      circular: { a: 1, self: '[CIRCULAR]' },
      shared: [1, 1],
    });
  });

  it('bounds depth, strings, lists and total size', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 12; i++) {
      deep = { next: deep };
    }
    const meta = redactor.redactMeta({
      deep,
      long: 'x'.repeat(10_000),
      list: Array.from({ length: 250 }, (_, i) => i),
    })!;
    expect(JSON.stringify(meta)).toContain('[TRUNCATED]');
    expect((meta.long as string).length).toBe(8192);
    expect((meta.long as string).endsWith('…')).toBe(true);
    expect((meta.list as unknown[]).length).toBe(201);
    expect((meta.list as unknown[])[200]).toBe('[50 more]');

    const huge = redactor.redactMeta(
      Object.fromEntries(
        Array.from({ length: 20 }, (_, i) => [`k${i}`, 'y'.repeat(8000)]),
      ),
    );
    expect(huge).toEqual({
      truncated: true,
      size: expect.any(Number),
      keys: expect.arrayContaining(['k0', 'k19']),
    });
  });

  it('returns undefined for empty metadata and wraps non-objects', () => {
    expect(redactor.redactMeta(undefined)).toBeUndefined();
    expect(redactor.redactMeta({})).toBeUndefined();
    expect(redactor.redactMeta({ only: undefined })).toBeUndefined();
    expect(redactor.redactMeta(['a'])).toEqual({ value: ['a'] });
  });

  it('learns secrets added later', () => {
    const later = new AuditRedactor();
    expect(later.redactText('rotated-secret-1')).toBe('rotated-secret-1');
    later.addSecrets(['rotated-secret-1']);
    expect(later.redactText('rotated-secret-1')).toBe(REDACTED);
  });
});
