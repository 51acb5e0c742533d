import { loadConfigSchema } from '@backstage/config-loader';
import { findConfigProblems, InvalidConfigError } from './validateConfig';

const schemaOf = (value: object) =>
  loadConfigSchema({
    serialized: {
      backstageConfigSchemaVersion: 1,
      schemas: [{ path: 'test/config.d.ts', value }],
    },
    noUndeclaredProperties: true,
  });

const SCHEMA = {
  type: 'object',
  properties: {
    backend: {
      type: 'object',
      properties: { baseUrl: { type: 'string' } },
      required: ['baseUrl'],
    },
  },
};

describe('findConfigProblems', () => {
  it('accepts configuration that matches the schema', async () => {
    const schema = await schemaOf(SCHEMA);
    expect(
      findConfigProblems({
        data: { backend: { baseUrl: 'http://x' } },
        schema,
        missingEnv: [],
        requireEnv: true,
      }),
    ).toEqual([]);
  });

  it('names keys that no package declares', async () => {
    const schema = await schemaOf(SCHEMA);
    const problems = findConfigProblems({
      data: { backend: { baseUrl: 'http://x', bseUrl: 'typo' } },
      schema,
      missingEnv: [],
      requireEnv: false,
    });
    expect(problems).toEqual([
      "unknown key 'backend.bseUrl' (no installed plugin declares it)",
    ]);
  });

  it('names missing required keys and wrong types', async () => {
    const schema = await schemaOf(SCHEMA);
    const problems = findConfigProblems({
      data: { backend: {} },
      schema,
      missingEnv: [],
      requireEnv: false,
    });
    expect(problems.join('\n')).toMatch(/'backend': must have required property 'baseUrl'/);
  });

  it('in production, names every unset environment variable once', async () => {
    const schema = await schemaOf(SCHEMA);
    const problems = findConfigProblems({
      data: {},
      schema,
      missingEnv: ['POSTGRES_PASSWORD', 'DEX_CLIENT_SECRET', 'POSTGRES_PASSWORD'],
      requireEnv: true,
    });
    expect(problems).toEqual([
      'environment variable DEX_CLIENT_SECRET is not set',
      'environment variable POSTGRES_PASSWORD is not set',
    ]);
    expect(new InvalidConfigError(problems).message).toContain(
      'DEX_CLIENT_SECRET is not set',
    );
  });

  it('outside production, unset variables are not an error', async () => {
    const schema = await schemaOf(SCHEMA);
    expect(
      findConfigProblems({
        data: { backend: { baseUrl: 'http://x' } },
        schema,
        missingEnv: ['GITHUB_TOKEN'],
        requireEnv: false,
      }),
    ).toEqual([]);
  });
});
