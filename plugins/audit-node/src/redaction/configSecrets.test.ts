import { secretsByKeyName, secretsFromConfigSchema } from './configSecrets';

describe('secretsByKeyName', () => {
  it('collects every string under a credential-like key', () => {
    expect(
      secretsByKeyName({
        backend: {
          auth: { keys: [{ secret: 'k1' }, { secret: 'k2' }] },
          database: { client: 'pg', connection: { password: 'pw', host: 'h' } },
        },
        integrations: { github: [{ host: 'github.com', token: 'ghp' }] },
        auth: {
          providers: {
            dex: { development: { clientSecret: 'cs', clientId: 'id' } },
          },
        },
        app: { title: 'Portico' },
      }),
    ).toEqual(['k1', 'k2', 'pw', 'ghp', 'cs']);
    expect(secretsByKeyName(undefined)).toEqual([]);
  });
});

describe('secretsFromConfigSchema', () => {
  it('finds values the installed config schemas declare secret (in a worker thread)', async () => {
    // `backend.database.connection` is `@visibility secret` in backend-defaults' schema, and
    // its key does not look like a credential.
    const secrets = await secretsFromConfigSchema({
      data: {
        backend: {
          database: { client: 'pg', connection: 'postgresql://u:p@db/x' },
        },
        app: { title: 'Portico' },
      },
    });
    expect(secrets).toContain('postgresql://u:p@db/x');
    expect(secrets).not.toContain('Portico');
  }, 120_000);
});
