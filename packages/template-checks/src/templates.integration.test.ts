/*
 * Every template run for real through the scaffolder (test backend: catalog + scaffolder + GitHub
 * and Portico platform modules) against the loopback Git server (git http-backend), then the pushed
 * repository, the GitOps commit and the catalog are inspected. Dry-runs of every template push
 * nothing. Hostile input and foreign owners are refused before any side effect.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { UpstreamManifestValidator } from '@internal/deployment-checks/testUtils';
import { BUILT_IN_RESERVED_NAMESPACES } from '@internal/plugin-portico-node';
import Ajv from 'ajv';
import YAML from 'yaml';
import { authedUrl, cloneRepo, git } from './gitClient';
import { templatesDir } from './paths';
import {
  startTemplateHarness,
  TemplateHarness,
} from './testing/scaffolderHarness';
import { GITOPS } from './testing/templateBackend';
import { readTemplateEntity } from './testing/templateFiles';

jest.setTimeout(180_000);

const BOB = 'user:default/bob'; // payments-team
const CAROL = 'user:default/carol'; // storefront-team

let h: TemplateHarness;
let validator: UpstreamManifestValidator;
const clones: string[] = [];

beforeAll(async () => {
  h = await startTemplateHarness();
  await h.waitForEntity(BOB, 'template:default/new-service');
  await h.waitForEntity(BOB, 'template:default/add-secret');
  await h.waitForEntity(BOB, 'component:default/payments-api');
  validator = UpstreamManifestValidator.load();
}, 180_000);

afterAll(async () => {
  for (const dir of clones) rmSync(dir, { recursive: true, force: true });
  await h?.stop();
});

function newService(name: string, overrides: Record<string, unknown> = {}) {
  return {
    name,
    owner: 'group:default/payments-team',
    description: 'Card refunds: "fast" & safe',
    language: 'go',
    traffic: 'medium',
    storage: 'postgresql',
    extraSecrets: [
      {
        secretKey: 'STRIPE_API_KEY',
        remoteKey: 'stripe',
        property: 'api-key',
      },
    ],
    repoOwner: 'payments',
    repoHost: h.gitHost,
    ...overrides,
  };
}

const gitopsHead = () =>
  h.git
    .git(GITOPS.owner, GITOPS.repo, ['rev-parse', 'refs/heads/main'])
    .then(s => s.trim());

async function clone(owner: string, repo: string): Promise<string> {
  const dir = await cloneRepo(
    authedUrl(h.git.url, h.git.adminToken, owner, repo),
  );
  clones.push(dir);
  return dir;
}

/** The YAML documents shown in a "Manifests" text output (one fenced block per file). */
function manifestsShown(output: Record<string, any> | undefined): unknown[] {
  const text =
    (output?.text ?? []).find((t: any) => t.title === 'Manifests')?.content ??
    '';
  return [...String(text).matchAll(/```yaml\n([\s\S]*?)```/g)].map(m =>
    YAML.parse(m[1]),
  );
}

function expectValid(objects: unknown[]) {
  const invalid = objects
    .map(o => ({ o: o as any, r: validator.validate(o) }))
    .filter(x => !x.r.valid)
    .map(x => `${x.o?.kind}/${x.o?.metadata?.name}: ${x.r.errors.join('; ')}`);
  expect(invalid).toEqual([]);
}

const kinds = (objects: unknown[]) => objects.map((o: any) => o.kind).sort();

/** The schema of one form field of a template. */
function fieldSchema(templateName: string, field: string) {
  const template = readTemplateEntity(templateName);
  const page = template.spec.parameters.find((p: any) => p.properties?.[field]);
  return page.properties[field];
}

/** Example names for each entry of the built-in reserved list (`kube-*` → kube-system, ...). */
const RESERVED_EXAMPLES = BUILT_IN_RESERVED_NAMESPACES.flatMap(r =>
  r.endsWith('*')
    ? ['system', 'public', 'node-lease'].map(s => `${r.slice(0, -1)}${s}`)
    : [r],
);

describe.each([
  ['new-service', 'name'],
  ['new-environment', 'environment'],
])("%s's form refuses reserved namespaces (%s)", (templateName, field) => {
  // The form's own validator (the frontend uses Ajv; the backend jsonschema, tested below).
  const validate = new Ajv({ strict: false }).compile(
    fieldSchema(templateName, field),
  );
  it.each(RESERVED_EXAMPLES)('refuses %s', name => {
    expect(validate(name)).toBe(false);
  });
  it.each(['payments', 'payments-staging', 'kubernetes-demo', 'defaults'])(
    'accepts %s',
    name => {
      expect(validate(name)).toBe(true);
    },
  );
});

// templates/new-environment (argo-events:trigger) is run by the provisioning tests; here only its
// first step, which refuses reserved namespaces and other teams' namespaces before anything runs.
it('the platform templates run here are the ones templates/all.yaml offers', () => {
  const location = YAML.parse(
    readFileSync(join(templatesDir, 'all.yaml'), 'utf8'),
  );
  expect(location.spec.targets).toEqual(
    expect.arrayContaining([
      './new-service/template.yaml',
      './add-secret/template.yaml',
    ]),
  );
});

describe('New service', () => {
  it.each([
    [
      'node',
      ['package.json', 'tsconfig.json', 'src/server.ts', 'src/server.test.ts'],
    ],
    ['python', ['pyproject.toml', 'src/service/app.py', 'tests/test_app.py']],
  ])('dry-run renders the %s stack', async (language, files) => {
    const res = await h.dryRun(
      BOB,
      'new-service',
      newService(`dry-${language}`, {
        language,
        storage: 'object-storage',
        extraSecrets: [],
      }),
    );
    expect(res.status).toBe(200);
    const paths = (res.body.directoryContents ?? []).map(f => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([...files, 'catalog-info.yaml', 'Dockerfile']),
    );
    const objects = manifestsShown(res.body.output);
    expectValid(objects);
    expect(
      objects
        .filter((o: any) => o.kind === 'ExternalSecret')
        .map((o: any) => o.metadata.name),
    ).toEqual([`dry-${language}-object-storage`]);
  });

  it('dry-run: skeleton rendered, valid manifests shown, nothing pushed', async () => {
    const before = await gitopsHead();
    const res = await h.dryRun(BOB, 'new-service', newService('dry-refunds'));
    expect(res.status).toBe(200);
    const paths = (res.body.directoryContents ?? []).map(f => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'catalog-info.yaml',
        'go.mod',
        'main.go',
        'Dockerfile',
        '.github/workflows/ci.yaml',
        'docs/adr/0001-stack-and-delivery.md',
      ]),
    );
    const objects = manifestsShown(res.body.output);
    // postgresql storage + one extra secret: two ExternalSecrets; default-deny + allowances.
    expect(kinds(objects)).toEqual(
      expect.arrayContaining([
        'Application',
        'Deployment',
        'ExternalSecret',
        'HorizontalPodAutoscaler',
        'Namespace',
        'NetworkPolicy',
        'ResourceQuota',
        'RoleBinding',
        'Service',
      ]),
    );
    expect(kinds(objects).filter(k => k === 'ExternalSecret')).toHaveLength(2);
    expect(
      objects.some(
        (o: any) =>
          o.kind === 'NetworkPolicy' && o.metadata.name === 'default-deny-all',
      ),
    ).toBe(true);
    expectValid(objects);
    expect(existsSync(h.git.repoDir('payments', 'dry-refunds'))).toBe(false);
    expect(await gitopsHead()).toBe(before);
  });

  it('dry-run with github.com takes the upstream publish:github path and skips the local Git server steps', async () => {
    const res = await h.dryRun(
      BOB,
      'new-service',
      newService('dry-github', { repoHost: 'github.com' }),
    );
    expect(res.status).toBe(200);
    const messages = (res.body.log ?? []).map(l => l.body.message).join('\n');
    expect(messages).toMatch(/Beginning step Publish to GitHub/);
    for (const skipped of ['git-token', 'publish-local', 'git-token-revoke']) {
      expect(messages).toContain(
        `Skipping step ${skipped} because its if condition was false`,
      );
    }
    expect(messages).not.toMatch(/Skipping step publish-github/);
    expect(existsSync(h.git.repoDir('payments', 'dry-github'))).toBe(false);
  });

  it('a real run pushes the repository, commits valid manifests as the user and registers the component', async () => {
    const result = await h.run(BOB, 'new-service', newService('refunds'));
    expect({ status: result.status, error: result.error }).toEqual({
      status: 'completed',
      error: undefined,
    });

    // The new repository: the Go skeleton, rendered.
    const repo = await clone('payments', 'refunds');
    for (const file of [
      'catalog-info.yaml',
      'main.go',
      'main_test.go',
      'go.mod',
      'Dockerfile',
      '.github/workflows/ci.yaml',
      'mkdocs.yml',
      'docs/runbook.md',
    ]) {
      expect(existsSync(join(repo, file))).toBe(true);
    }
    const entityFile = YAML.parse(
      readFileSync(join(repo, 'catalog-info.yaml'), 'utf8'),
    );
    expect(entityFile.spec.owner).toBe('group:default/payments-team');
    expect(entityFile.metadata.description).toBe('Card refunds: "fast" & safe');

    // The GitOps commit: one commit, authored by Bob, with every object valid.
    const gitops = await clone(GITOPS.owner, GITOPS.repo);
    const [author, subject] = (
      await git(gitops, ['log', '-1', '--format=%an <%ae>%n%s'])
    )
      .trim()
      .split('\n');
    expect(author).toBe('Bob Brennan <bob@portico.example>');
    expect(subject).toContain('refunds');
    const changed = (
      await git(gitops, ['show', '--name-only', '--format=', 'HEAD'])
    )
      .trim()
      .split('\n')
      .sort();
    expect(changed).toEqual(
      expect.arrayContaining([
        'apps/refunds/deployment.yaml',
        'platform/namespaces/refunds/namespace.yaml',
        'platform/namespaces/refunds/rolebinding.yaml',
        'argocd/applications/refunds.yaml',
        'argocd/projects/team-payments-team.yaml',
      ]),
    );
    const objects = changed.flatMap(f =>
      YAML.parseAllDocuments(readFileSync(join(gitops, f), 'utf8')).map(d =>
        d.toJS(),
      ),
    );
    expectValid(objects);
    for (const kind of [
      'AppProject',
      'LimitRange',
      'ServiceAccount',
      'Namespace',
      'RoleBinding',
      'ResourceQuota',
      'NetworkPolicy',
      'Deployment',
      'Service',
      'HorizontalPodAutoscaler',
      'ExternalSecret',
      'Application',
    ]) {
      expect(kinds(objects)).toContain(kind);
    }
    const deployment: any = objects.find((o: any) => o.kind === 'Deployment');
    expect(JSON.stringify(deployment)).toContain('refunds-postgres');
    expect(JSON.stringify(deployment)).toContain('STRIPE_API_KEY');
    // Every object is the team's; the Application deploys through the team's AppProject, whose
    // destinations are the team's namespaces and which may create nothing cluster-wide.
    expect(
      objects.filter(
        (o: any) => o.metadata.labels?.['portico.io/team'] !== 'payments-team',
      ),
    ).toEqual([]);
    const application: any = objects.find((o: any) => o.kind === 'Application');
    expect(application.spec.project).toBe('team-payments-team');
    const project: any = objects.find((o: any) => o.kind === 'AppProject');
    expect(project.spec.destinations).toEqual([
      { server: 'https://kubernetes.default.svc', namespace: 'refunds' },
    ]);
    expect(project.spec.clusterResourceWhitelist).toEqual([]);
    // Secret keys are the service's own: <remoteKeyPrefix>/<team>/<service>/.
    const keys = objects
      .filter((o: any) => o.kind === 'ExternalSecret')
      .flatMap((o: any) => o.spec.data.map((d: any) => d.remoteRef.key));
    expect([...new Set(keys)].sort()).toEqual([
      'services/payments-team/refunds/postgres',
      'services/payments-team/refunds/stripe',
    ]);

    // The component is in the catalog; the task links to all of it.
    const entity = await h.waitForEntity(BOB, 'component:default/refunds');
    expect(entity.spec.owner).toBe('group:default/payments-team');
    const links: any[] = result.output.links;
    expect(links.map(l => l.title)).toEqual([
      'Repository',
      expect.stringMatching(/^GitOps commit [0-9a-f]{7}$/),
      'Argo CD application refunds',
      'Open in catalog',
    ]);
    expect(links[3].entityRef).toBe('component:default/refunds');
    const readme = await fetch(links[0].url);
    expect(await readme.text()).toContain('# refunds');
    const committed = await fetch(links[1].url);
    expect(YAML.parse(await committed.text()).kind).toBe('Deployment');
    expect(links[1].title).toBe(
      `GitOps commit ${(await gitopsHead()).slice(0, 7)}`,
    );
  });

  it('running it again creates no duplicates', async () => {
    const head = await gitopsHead();
    const repoHead = await h.git.git('payments', 'refunds', [
      'rev-parse',
      'refs/heads/main',
    ]);
    const result = await h.run(BOB, 'new-service', newService('refunds'));
    expect({ status: result.status, error: result.error }).toEqual({
      status: 'completed',
      error: undefined,
    });
    expect(await gitopsHead()).toBe(head);
    expect(
      await h.git.git('payments', 'refunds', ['rev-parse', 'refs/heads/main']),
    ).toBe(repoHead);
    expect(result.output.text[0].content).toContain('no change');
  });

  it.each([
    ['a name that is not a DNS-1123 label', { name: 'Refunds_API' }],
    ['a name that is too long', { name: `a${'b'.repeat(40)}` }],
    ['a path in the name', { name: '../etc' }],
    [
      'a newline and a YAML document marker in the description',
      { description: 'ok\n---\nkind: Secret' },
    ],
    [
      'a template expression in the description',
      { description: 'x ${{ secrets.backstageToken }}' },
    ],
    [
      'a traversal in a secret key',
      { extraSecrets: [{ secretKey: 'X', remoteKey: '../../root' }] },
    ],
    ['the name kube-system (reserved)', { name: 'kube-system' }],
    ['the name default (reserved)', { name: 'default' }],
    ['the name argocd (reserved)', { name: 'argocd' }],
    ['the name portico (reserved)', { name: 'portico' }],
  ])('refuses %s before anything runs (400)', async (_, override) => {
    const before = await gitopsHead();
    const res = await h.start(
      BOB,
      'new-service',
      newService('hostile', override),
    );
    expect(res.status).toBe(400);
    expect(existsSync(h.git.repoDir('payments', 'hostile'))).toBe(false);
    expect(await gitopsHead()).toBe(before);
  });

  it('a name reserved by config (portico.reservedNamespaces) is refused by the validate step, naming the field, before ownership', async () => {
    const before = await gitopsHead();
    const dry = await h.dryRun(
      CAROL,
      'new-service',
      newService('sandbox-refunds', { repoOwner: 'storefront' }),
    );
    expect(dry.status).toBe(400);
    expect(dry.body.error?.message).toContain(
      'portico:service:validate refused its input: input.name: "sandbox-refunds" is reserved for the platform (sandbox-*); choose another name',
    );
    const result = await h.run(
      BOB,
      'new-service',
      newService('sandbox-refunds'),
    );
    expect(result.status).toBe('failed');
    expect(result.error).toContain(
      'input.name: "sandbox-refunds" is reserved for the platform (sandbox-*)',
    );
    expect(existsSync(h.git.repoDir('payments', 'sandbox-refunds'))).toBe(
      false,
    );
    expect(await gitopsHead()).toBe(before);
  });

  it("another team's namespace is refused naming the team, before any side effect", async () => {
    await h.waitForEntity(BOB, 'component:default/refunds');
    const before = await gitopsHead();
    const result = await h.run(
      CAROL,
      'new-service',
      newService('refunds', {
        owner: 'group:default/storefront-team',
        repoOwner: 'storefront',
      }),
    );
    expect(result.status).toBe('failed');
    expect(result.error).toContain(
      'input.name: namespace "refunds" is held by team payments-team (platform/namespaces/refunds/namespace.yaml); choose another name',
    );
    expect(existsSync(h.git.repoDir('storefront', 'refunds'))).toBe(false);
    expect(await gitopsHead()).toBe(before);
  });

  it("a secret key of another team's service is refused naming the field, before any side effect", async () => {
    const before = await gitopsHead();
    const dry = await h.dryRun(
      BOB,
      'new-service',
      newService('thief', {
        extraSecrets: [
          {
            secretKey: 'DB_PASSWORD',
            remoteKey: 'services/storefront-team/cart/postgres',
          },
        ],
      }),
    );
    expect(dry.status).toBe(400);
    expect(dry.body.error?.message).toContain(
      `input.extraSecrets.0.remoteKey: "services/storefront-team/cart/postgres" is outside this service's keys`,
    );
    expect(await gitopsHead()).toBe(before);
  });

  it('refuses an owner group the caller is not in, before any side effect', async () => {
    const before = await gitopsHead();
    const result = await h.run(
      CAROL,
      'new-service',
      newService('stolen', {
        owner: 'group:default/payments-team',
        repoOwner: 'storefront',
      }),
    );
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(
      /not a member of group:default\/payments-team/,
    );
    expect(existsSync(h.git.repoDir('storefront', 'stolen'))).toBe(false);
    expect(await gitopsHead()).toBe(before);
  });
});

// Only the first step of templates/new-environment runs here (the harness has no Argo Events
// module): it refuses before anything is recorded.
describe('New environment: its first step', () => {
  it('refuses a namespace reserved by config, naming the field', async () => {
    const res = await h.dryRun(CAROL, 'new-environment', {
      entity: 'component:default/checkout-service',
      environment: 'sandbox-env',
      baselineServices: ['monitoring'],
    });
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toContain(
      'input.namespace: "sandbox-env" is reserved for the platform (sandbox-*)',
    );
  });

  it("refuses another team's namespace, naming the team", async () => {
    await h.waitForEntity(CAROL, 'component:default/checkout-service');
    await h.waitForEntity(BOB, 'component:default/refunds');
    const res = await h.dryRun(CAROL, 'new-environment', {
      entity: 'component:default/checkout-service',
      environment: 'refunds',
      baselineServices: ['monitoring'],
    });
    expect(res.status).toBe(409);
    expect(res.body.error?.message).toContain(
      'input.namespace: namespace "refunds" is held by team payments-team',
    );
  });
});

describe('Add a secret to an existing service', () => {
  const secretValues = (component: string) => ({
    component,
    secretName: 'refunds-psp',
    data: [
      {
        secretKey: 'PSP_API_KEY',
        remoteKey: 'psp',
        property: 'api-key',
      },
      {
        secretKey: 'PSP_WEBHOOK_SECRET',
        remoteKey: 'psp',
        property: 'webhook',
      },
    ],
    refreshInterval: '1h',
  });

  it('dry-run shows a valid ExternalSecret and commits nothing', async () => {
    const before = await gitopsHead();
    const res = await h.dryRun(
      BOB,
      'add-secret',
      secretValues('component:default/payments-api'),
    );
    expect(res.status).toBe(200);
    const objects = manifestsShown(res.body.output);
    expect(kinds(objects)).toEqual(['ExternalSecret']);
    expectValid(objects);
    expect(await gitopsHead()).toBe(before);
  });

  it('the owner adds an ExternalSecret in one GitOps commit', async () => {
    await h.waitForEntity(BOB, 'component:default/refunds');
    const result = await h.run(
      BOB,
      'add-secret',
      secretValues('component:default/refunds'),
    );
    expect({ status: result.status, error: result.error }).toEqual({
      status: 'completed',
      error: undefined,
    });
    const gitops = await clone(GITOPS.owner, GITOPS.repo);
    const [author] = (await git(gitops, ['log', '-1', '--format=%an <%ae>']))
      .trim()
      .split('\n');
    expect(author).toBe('Bob Brennan <bob@portico.example>');
    const changed = (
      await git(gitops, ['show', '--name-only', '--format=', 'HEAD'])
    )
      .trim()
      .split('\n');
    expect(changed).toEqual(['apps/refunds/externalsecret-refunds-psp.yaml']);
    const secret = YAML.parse(readFileSync(join(gitops, changed[0]), 'utf8'));
    expectValid([secret]);
    expect(secret).toMatchObject({
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: 'refunds-psp', namespace: 'refunds' },
      spec: {
        secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' },
        data: [
          {
            secretKey: 'PSP_API_KEY',
            remoteRef: {
              key: 'services/payments-team/refunds/psp',
              property: 'api-key',
            },
          },
          {
            secretKey: 'PSP_WEBHOOK_SECRET',
            remoteRef: {
              key: 'services/payments-team/refunds/psp',
              property: 'webhook',
            },
          },
        ],
      },
    });
  });

  it("the store is the platform's: a store named in the values is ignored", async () => {
    const res = await h.dryRun(BOB, 'add-secret', {
      ...secretValues('component:default/payments-api'),
      storeKind: 'SecretStore',
      storeName: 'platform-secrets',
    });
    expect(res.status).toBe(200);
    const [secret]: any[] = manifestsShown(res.body.output);
    expect(secret.spec.secretStoreRef).toEqual({
      kind: 'ClusterSecretStore',
      name: 'vault',
    });
  });

  it("refuses another team's key, naming the field, and commits nothing", async () => {
    const before = await gitopsHead();
    const result = await h.run(BOB, 'add-secret', {
      ...secretValues('component:default/refunds'),
      data: [
        {
          secretKey: 'DB_PASSWORD',
          remoteKey: 'services/storefront-team/cart/postgres',
        },
      ],
    });
    expect(result.status).toBe('failed');
    expect(result.error).toContain('input.data.0.remoteKey');
    expect(await gitopsHead()).toBe(before);
  });

  it('refuses a service the caller does not own, and commits nothing', async () => {
    const before = await gitopsHead();
    const result = await h.run(
      CAROL,
      'add-secret',
      secretValues('component:default/refunds'),
    );
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/payments-team/);
    expect(await gitopsHead()).toBe(before);
  });
});
