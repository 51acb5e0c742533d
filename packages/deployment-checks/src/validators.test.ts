/*
 * Unit tests of the helpers the checks rely on, including negative cases: a
 * validator that accepts everything would make every other check meaningless.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  guestAllowedOutsideDevelopment,
  loadMergedConfig,
  CrdSchemaValidator,
  DockerIgnore,
  KubernetesSchemaValidator,
  MissingVariableError,
  copySourcesAndDestination,
  effectiveUser,
  envReferences,
  interpolate,
  isRootUser,
  parseDockerfile,
  parseDotEnv,
  rawServiceEnvironment,
  specsDir,
  stageEnv,
  variableReferences,
} from './testing/checks';

// Building the schema validators (several MB of OpenAPI) can be slow on a busy machine.
jest.setTimeout(60_000);

describe('parseDockerfile', () => {
  const text = [
    '# a comment',
    'ARG BASE=node:22',
    'FROM ${BASE} AS Build',
    'RUN --mount=type=cache,target=/x \\',
    '    # comment inside a continuation',
    '    echo one && \\',
    '    echo two',
    'COPY --chown=node:node a.txt b/ ./dest/',
    'FROM node:22-bookworm-slim',
    'COPY --from=build /app/out ./',
    'ENV NODE_ENV=production OTHER="x y"',
    'USER node',
    'CMD ["node", "main.js"]',
  ].join('\n');

  it('splits stages and joins continuations', () => {
    const df = parseDockerfile(text);
    expect(df.globalArgs.map(a => a.args)).toEqual(['BASE=node:22']);
    expect(df.stages.map(s => [s.name, s.base])).toEqual([
      ['build', '${BASE}'],
      [undefined, 'node:22-bookworm-slim'],
    ]);
    const run = df.stages[0].instructions[0];
    expect(run.keyword).toBe('RUN');
    expect(run.flags.mount).toBe('type=cache,target=/x');
    expect(run.args.replace(/\s+/g, ' ')).toBe('echo one && echo two');
    expect(copySourcesAndDestination(df.stages[0].instructions[1])).toEqual({
      sources: ['a.txt', 'b/'],
      destination: './dest/',
    });
    expect(df.stages[1].instructions[0].flags.from).toBe('build');
    expect(stageEnv(df.stages[1])).toEqual({
      NODE_ENV: 'production',
      OTHER: 'x y',
    });
    expect(effectiveUser(df.stages[1])).toBe('node');
    expect(effectiveUser(df.stages[0])).toBe('root');
    expect(df.stages[1].instructions.at(-1)!.json).toEqual(['node', 'main.js']);
  });

  it('rejects instructions before the first FROM', () => {
    expect(() => parseDockerfile('RUN echo hi\nFROM x')).toThrow(
      /before the first FROM/,
    );
  });

  it('knows root users', () => {
    expect(isRootUser('root')).toBe(true);
    expect(isRootUser('0:0')).toBe(true);
    expect(isRootUser('node')).toBe(false);
    expect(isRootUser('1000:1000')).toBe(false);
  });
});

describe('DockerIgnore', () => {
  const ignore = new DockerIgnore(
    [
      '# comment',
      'node_modules',
      'packages/*/dist',
      '*.local.yaml',
      'docs/**/*.tmp',
      'secret',
      '!secret/keep.txt',
    ].join('\n'),
  );

  it('ignores matches and everything below matching directories', () => {
    expect(ignore.isIgnored('node_modules')).toBe(true);
    expect(ignore.isIgnored('node_modules/a/index.js')).toBe(true);
    expect(ignore.isIgnored('packages/app/dist/index.html')).toBe(true);
    expect(ignore.isIgnored('app-config.local.yaml')).toBe(true);
    expect(ignore.isIgnored('docs/a/b/c.tmp')).toBe(true);
    expect(ignore.isIgnored('docs/c.tmp')).toBe(true);
  });

  it('keeps everything else, and re-included paths', () => {
    expect(ignore.isIgnored('packages/app/src/index.ts')).toBe(false);
    expect(ignore.isIgnored('app-config.yaml')).toBe(false);
    expect(ignore.isIgnored('packages/node_modules_x')).toBe(false);
    expect(ignore.isIgnored('secret/other.txt')).toBe(true);
    expect(ignore.isIgnored('secret/keep.txt')).toBe(false);
  });
});

describe('Compose interpolation', () => {
  const env = { SET: 'value', EMPTY: '' };

  it('substitutes like docker compose', () => {
    expect(interpolate('${SET}', env)).toBe('value');
    expect(interpolate('$SET/x', env)).toBe('value/x');
    expect(interpolate('${UNSET:-fallback}', env)).toBe('fallback');
    expect(interpolate('${EMPTY:-fallback}', env)).toBe('fallback');
    expect(interpolate('${EMPTY-fallback}', env)).toBe('');
    expect(interpolate('${SET:+alt}', env)).toBe('alt');
    expect(interpolate('${UNSET}', env)).toBe('');
    expect(interpolate('pg_isready -U "$${POSTGRES_USER}"', env)).toBe(
      'pg_isready -U "${POSTGRES_USER}"',
    );
  });

  it('fails on missing required variables', () => {
    expect(() => interpolate('${UNSET:?set UNSET}', env)).toThrow(
      MissingVariableError,
    );
    expect(() => interpolate('${EMPTY:?set EMPTY}', env)).toThrow(/EMPTY/);
    expect(interpolate('${EMPTY?set EMPTY}', env)).toBe('');
  });

  it('lists references', () => {
    expect(variableReferences('${A:?need A} $B $${C} ${D:-x}')).toEqual([
      { name: 'A', operator: ':?', argument: 'need A' },
      { name: 'B', operator: '', argument: '' },
      { name: 'D', operator: ':-', argument: 'x' },
    ]);
  });

  it('reads .env files and both environment syntaxes', () => {
    expect(parseDotEnv('# c\nA=1\nB="two words"\nexport C=3 # note\n')).toEqual(
      {
        A: '1',
        B: 'two words',
        C: '3',
      },
    );
    expect(() => parseDotEnv('not a line')).toThrow();
    expect(rawServiceEnvironment({ environment: ['A=1', 'B'] })).toEqual({
      A: '1',
      B: '${B}',
    });
    expect(rawServiceEnvironment({ environment: { A: 1, B: null } })).toEqual({
      A: '1',
      B: '${B}',
    });
  });
});

describe('envReferences (Backstage config)', () => {
  it('finds ${VAR} in values and skips $${VAR} escapes', () => {
    expect(
      envReferences({
        a: '${ONE}',
        b: ['x ${TWO} y', { c: '$${THREE}' }],
        d: 4,
      }),
    ).toEqual(['ONE', 'TWO']);
  });
});

describe('KubernetesSchemaValidator (Kubernetes 1.35 OpenAPI)', () => {
  let validator: KubernetesSchemaValidator;
  beforeAll(() => {
    validator = KubernetesSchemaValidator.fromDirectory(
      path.join(specsDir, 'kubernetes'),
    );
  });

  const deployment = () => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'x', labels: { app: 'x' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'x' } },
      template: {
        metadata: { labels: { app: 'x' } },
        spec: {
          containers: [
            {
              name: 'x',
              image: 'x',
              ports: [{ containerPort: 7007 }],
              resources: {
                requests: { cpu: '100m', memory: '128Mi' },
                limits: { cpu: 1 },
              },
              readinessProbe: { httpGet: { path: '/', port: 'http' } },
            },
          ],
        },
      },
    },
  });

  it('finds schemas by group-version-kind', () => {
    expect(
      validator.schemaNameFor({
        group: 'apps',
        version: 'v1',
        kind: 'Deployment',
      }),
    ).toBe('io.k8s.api.apps.v1.Deployment');
    expect(
      validator.schemaNameFor({ group: '', version: 'v1', kind: 'Service' }),
    ).toBe('io.k8s.api.core.v1.Service');
  });

  it('accepts a valid Deployment', () => {
    expect(validator.validate(deployment())).toEqual({
      valid: true,
      errors: [],
    });
  });

  it('rejects a wrong field type', () => {
    const d = deployment() as any;
    d.spec.replicas = 'two';
    const result = validator.validate(d);
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(
      /\/spec\/replicas must be integer/,
    );
  });

  it('rejects a misspelt (unknown) field', () => {
    const d = deployment() as any;
    d.spec.template.spec.containers[0].readinesProbe =
      d.spec.template.spec.containers[0].readinessProbe;
    const result = validator.validate(d);
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/readinesProbe/);
  });

  it('rejects a missing required field', () => {
    const d = deployment() as any;
    delete d.spec.template.spec.containers[0].name;
    expect(validator.validate(d).errors.join('\n')).toMatch(
      /must have required property 'name'/,
    );
  });

  it('rejects an invalid int-or-string and quantity', () => {
    const d = deployment() as any;
    d.spec.template.spec.containers[0].readinessProbe.httpGet.port = {
      port: 7007,
    };
    d.spec.template.spec.containers[0].resources.limits.memory = ['1Gi'];
    const result = validator.validate(d);
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/httpGet\/port/);
    expect(result.errors.join('\n')).toMatch(/limits\/memory/);
  });

  it('rejects kinds it has no schema for', () => {
    expect(
      validator.validate({
        apiVersion: 'apps/v1',
        kind: 'Deploymnet',
        metadata: { name: 'x' },
      }).valid,
    ).toBe(false);
  });

  it('checks other groups too (rbac, policy, networking)', () => {
    expect(
      validator.validate({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'x' },
        rules: [{ apiGroups: [''], resources: ['pods'], verbs: 'get' }],
      }).valid,
    ).toBe(false);
    expect(
      validator.validate({
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'x' },
        spec: { minAvailable: 1, selector: { matchLabels: { a: 'b' } } },
      }).valid,
    ).toBe(true);
  });
});

describe('CrdSchemaValidator (External Secrets Operator CRD)', () => {
  let validator: CrdSchemaValidator;
  beforeAll(() => {
    validator = CrdSchemaValidator.fromFiles([
      path.join(
        specsDir,
        'external-secrets',
        'external-secrets.io_externalsecrets.yaml',
      ),
    ]);
  });

  const externalSecret = () => ({
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: { name: 'x' },
    spec: {
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'store' },
      target: { name: 'x' },
      data: [{ secretKey: 'A', remoteRef: { key: 'path/a', property: 'a' } }],
    },
  });

  it('accepts a valid ExternalSecret', () => {
    expect(validator.validate(externalSecret())).toEqual({
      valid: true,
      errors: [],
    });
    expect(
      validator.hasKind({
        group: 'external-secrets.io',
        version: 'v1beta1',
        kind: 'ExternalSecret',
      }),
    ).toBe(true);
  });

  it('rejects a wrong enum value, a missing required field and unknown fields', () => {
    const e = externalSecret() as any;
    e.spec.secretStoreRef.kind = 'SecretStores';
    delete e.spec.data[0].remoteRef.key;
    e.spec.data[0].remoteref = {};
    const errors = validator.validate(e).errors.join('\n');
    expect(errors).toMatch(
      /secretStoreRef\/kind must be equal to one of the allowed values/,
    );
    expect(errors).toMatch(/must have required property 'key'/);
    expect(errors).toMatch(/remoteref/);
  });

  it('pins apiVersion to the CRD version', () => {
    const e = externalSecret() as any;
    e.apiVersion = 'external-secrets.io/v2';
    expect(validator.validate(e).valid).toBe(false);
  });
});

describe('loadMergedConfig + guestAllowedOutsideDevelopment', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deployment-checks-'));
    fs.writeFileSync(
      path.join(dir, 'base.yaml'),
      'app:\n  baseUrl: http://localhost:3000\nauth:\n  providers:\n    guest: {}\n',
    );
    fs.writeFileSync(
      path.join(dir, 'prod-safe.yaml'),
      'app:\n  baseUrl: ${BASE_URL}\n',
    );
    fs.writeFileSync(
      path.join(dir, 'prod-unsafe.yaml'),
      'auth:\n  providers:\n    guest:\n      dangerouslyAllowOutsideDevelopment: true\n',
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const load = (files: string[], env: Record<string, string> = {}) =>
    loadMergedConfig(
      dir,
      files.map(f => path.join(dir, f)),
      env,
    );

  it('merges later files over earlier ones and substitutes only the given env', async () => {
    const { config, unresolved } = await load(['base.yaml', 'prod-safe.yaml'], {
      BASE_URL: 'https://x',
    });
    try {
      expect(config.getString('app.baseUrl')).toBe('https://x');
      expect(unresolved).toEqual([]);
    } finally {
      config.close();
    }
    const missing = await load(['base.yaml', 'prod-safe.yaml']);
    expect(missing.unresolved).toEqual(['BASE_URL']);
    missing.config.close();
  });

  it('tells a guest provider that refuses production from one that allows it', async () => {
    const safe = await load(['base.yaml', 'prod-safe.yaml'], {
      BASE_URL: 'https://x',
    });
    const unsafe = await load(['base.yaml', 'prod-unsafe.yaml']);
    try {
      expect(guestAllowedOutsideDevelopment(safe.config)).toBe(false);
      expect(guestAllowedOutsideDevelopment(unsafe.config)).toBe(true);
    } finally {
      safe.config.close();
      unsafe.config.close();
    }
  });
});
