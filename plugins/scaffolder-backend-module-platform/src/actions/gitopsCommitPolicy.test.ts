/*
 * portico:gitops:commit accepts only what the manifest actions build: a template a user registers
 * cannot commit cluster-scoped objects, Secrets, CRDs, an Application of another project or
 * repository, a RoleBinding to another role or subject, or an ExternalSecret reading another
 * team's keys or another store. Each attack starts from the real generated files, changes one
 * thing (keeping the ownership stamps), and must be refused with an InputError naming the file and
 * the field — with no commit in the GitOps repository (loopback Git server).
 */
import { InputError } from '@backstage/errors';
import { parse, stringify } from 'yaml';
import { createPlatformActions } from '.';
import { depsFor, log, seedGitops } from '../testing/kit';
import { runAction } from '../testing/runAction';
import {
  LoopbackGitServer,
  startLoopbackGitServer,
} from '../testing/loopbackGitServer';

jest.setTimeout(60_000);

const OWNER = 'group:default/team-a';
const SERVICE_INPUT = {
  name: 'payments',
  owner: OWNER,
  storage: 'postgresql',
  extraSecrets: [{ secretKey: 'STRIPE_API_KEY', remoteKey: 'stripe' }],
};
const NS = 'platform/namespaces/payments';
const APP = 'argocd/applications/payments.yaml';

type Files = Record<string, string>;
type Attack = [
  name: string,
  change: (files: Files) => void,
  /** What the refusal must say (after `input.files["<path>"]: `). */
  expected: string,
  path: string,
];

/** Changes one object of a generated file, keeping everything else. */
function edit(files: Files, path: string, fn: (o: any) => void) {
  const object = parse(files[path]);
  fn(object);
  files[path] = stringify(object);
}

/** A new object stamped exactly like the generated ones (the stamps alone decide nothing). */
function stamped(files: Files, object: any) {
  const labels = parse(files[`apps/payments/deployment.yaml`]).metadata.labels;
  return stringify({
    ...object,
    metadata: {
      ...object.metadata,
      labels,
      annotations: { 'portico.io/owner': OWNER },
    },
  });
}

const ATTACKS: Attack[] = [
  [
    'a ClusterRoleBinding granting cluster-admin',
    f => {
      f['apps/payments/crb.yaml'] = stamped(f, {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: 'payments-admin' },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: 'cluster-admin',
        },
        subjects: [
          { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'x' },
        ],
      });
    },
    'ClusterRoleBinding/payments-admin: kind may not be committed here',
    'apps/payments/crb.yaml',
  ],
  [
    'a ClusterRole',
    f => {
      f['apps/payments/clusterrole.yaml'] = stamped(f, {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'everything' },
        rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
      });
    },
    'ClusterRole/everything: kind may not be committed here',
    'apps/payments/clusterrole.yaml',
  ],
  [
    'a Secret in Git',
    f => {
      f['apps/payments/secret.yaml'] = stamped(f, {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'x', namespace: 'payments' },
        stringData: { a: 'b' },
      });
    },
    'Secret/x: kind may not be committed here',
    'apps/payments/secret.yaml',
  ],
  [
    'a CustomResourceDefinition',
    f => {
      f['apps/payments/crd.yaml'] = stamped(f, {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'things.example.com' },
      });
    },
    'CustomResourceDefinition/things.example.com: kind may not be committed here',
    'apps/payments/crd.yaml',
  ],
  [
    'a RoleBinding in the service directory (applied by the team app)',
    f => {
      f['apps/payments/rb.yaml'] = f[`${NS}/rolebinding.yaml`];
    },
    'RoleBinding/payments-team: kind may not be committed here',
    'apps/payments/rb.yaml',
  ],
  [
    'an Application in the project default',
    f => edit(f, APP, o => (o.spec.project = 'default')),
    'Application/payments: spec.project must be team-team-a',
    APP,
  ],
  [
    'an Application pointing at another repository',
    f =>
      edit(
        f,
        APP,
        o => (o.spec.source.repoURL = 'https://github.com/evil/repo.git'),
      ),
    'Application/payments: spec.source.repoURL "https://github.com/evil/repo.git" is not an allowed repository',
    APP,
  ],
  [
    "an Application syncing another service's directory",
    f => edit(f, APP, o => (o.spec.source.path = 'platform/namespaces')),
    'Application/payments: spec.source.path must be apps/payments',
    APP,
  ],
  [
    'an Application with a config management plugin',
    f => edit(f, APP, o => (o.spec.source.plugin = { name: 'run-anything' })),
    'Application/payments: spec.source.plugin is not allowed',
    APP,
  ],
  [
    'an Application with several sources',
    f =>
      edit(
        f,
        APP,
        o => (o.spec.sources = [{ repoURL: 'https://github.com/evil/x' }]),
      ),
    'Application/payments: spec.sources is not allowed',
    APP,
  ],
  [
    'an Application deploying to another cluster',
    f =>
      edit(
        f,
        APP,
        o => (o.spec.destination.server = 'https://prod.example:6443'),
      ),
    'Application/payments: spec.destination.server must be https://kubernetes.default.svc',
    APP,
  ],
  [
    "an Application deploying into another team's namespace",
    f => edit(f, APP, o => (o.spec.destination.namespace = 'storefront')),
    'Application/payments: spec.destination.namespace "storefront" is not a namespace of service payments',
    APP,
  ],
  [
    'an Application named for another service',
    f => edit(f, APP, o => (o.metadata.name = 'checkout')),
    'Application/checkout: metadata must be name payments, namespace argocd',
    APP,
  ],
  [
    'a RoleBinding to cluster-admin',
    f =>
      edit(
        f,
        `${NS}/rolebinding.yaml`,
        o => (o.roleRef.name = 'cluster-admin'),
      ),
    'RoleBinding/payments-team: roleRef must be the ClusterRole edit',
    `${NS}/rolebinding.yaml`,
  ],
  [
    'a RoleBinding to every service account',
    f =>
      edit(f, `${NS}/rolebinding.yaml`, o =>
        o.subjects.push({
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'Group',
          name: 'system:serviceaccounts',
        }),
      ),
    "RoleBinding/payments-team: subjects must be exactly the team's group team-a",
    `${NS}/rolebinding.yaml`,
  ],
  [
    "a Deployment in another team's namespace",
    f =>
      edit(
        f,
        'apps/payments/deployment.yaml',
        o => (o.metadata.namespace = 'storefront'),
      ),
    'Deployment/payments: metadata.namespace "storefront" is not a namespace of service payments',
    'apps/payments/deployment.yaml',
  ],
  [
    "an ExternalSecret reading another team's database password",
    f =>
      edit(
        f,
        'apps/payments/externalsecret-payments-postgres.yaml',
        o =>
          (o.spec.data[0].remoteRef.key = 'services/team-b/checkout/postgres'),
      ),
    'ExternalSecret/payments-postgres: spec.data[0].remoteRef.key "services/team-b/checkout/postgres" must be under services/team-a/payments/',
    'apps/payments/externalsecret-payments-postgres.yaml',
  ],
  [
    "an ExternalSecret reading the portal's GitHub App key",
    f =>
      edit(f, 'apps/payments/externalsecret-payments-secrets.yaml', o => {
        o.spec.secretStoreRef = {
          kind: 'ClusterSecretStore',
          name: 'platform-secrets',
        };
        o.spec.data[0].remoteRef = {
          key: 'portico/github-app',
          property: 'private-key',
        };
      }),
    "ExternalSecret/payments-secrets: spec.secretStoreRef must be the platform's ClusterSecretStore vault",
    'apps/payments/externalsecret-payments-secrets.yaml',
  ],
  [
    'an ExternalSecret extracting a whole path (dataFrom)',
    f =>
      edit(
        f,
        'apps/payments/externalsecret-payments-secrets.yaml',
        o => (o.spec.dataFrom = [{ extract: { key: 'services' } }]),
      ),
    'ExternalSecret/payments-secrets: spec.dataFrom is not allowed',
    'apps/payments/externalsecret-payments-secrets.yaml',
  ],
  [
    'an ExternalSecret reading through another store (sourceRef)',
    f =>
      edit(
        f,
        'apps/payments/externalsecret-payments-secrets.yaml',
        o =>
          (o.spec.data[0].sourceRef = {
            storeRef: { kind: 'ClusterSecretStore', name: 'platform-secrets' },
          }),
      ),
    'ExternalSecret/payments-secrets: spec.data[0].sourceRef is not allowed',
    'apps/payments/externalsecret-payments-secrets.yaml',
  ],
  [
    'a NodePort Service',
    f => edit(f, 'apps/payments/service.yaml', o => (o.spec.type = 'NodePort')),
    'Service/payments: spec.type must be ClusterIP',
    'apps/payments/service.yaml',
  ],
  [
    'a Namespace without Pod Security enforcement',
    f =>
      edit(
        f,
        `${NS}/namespace.yaml`,
        o => delete o.metadata.labels['pod-security.kubernetes.io/enforce'],
      ),
    'Namespace/payments: metadata.labels["pod-security.kubernetes.io/enforce"] must be "restricted"',
    `${NS}/namespace.yaml`,
  ],
  [
    'a Namespace labelled for another team',
    f =>
      edit(
        f,
        `${NS}/namespace.yaml`,
        o => (o.metadata.labels['portico.io/team'] = 'team-b'),
      ),
    'Namespace/payments: metadata: every object must be labelled portico.io/service=payments, portico.io/team=team-a',
    `${NS}/namespace.yaml`,
  ],
  [
    'a Namespace in the service directory (applied by the team app)',
    f => {
      f['apps/payments/namespace.yaml'] = f[`${NS}/namespace.yaml`];
    },
    'Namespace/payments: kind may not be committed here',
    'apps/payments/namespace.yaml',
  ],
  [
    'a ServiceAccount whose token pods mount',
    f =>
      edit(f, `${NS}/serviceaccount-secrets.yaml`, o => {
        o.metadata.name = 'deployer';
        o.automountServiceAccountToken = true;
      }),
    'ServiceAccount/deployer: only the ServiceAccount portico-secrets with automountServiceAccountToken: false',
    `${NS}/serviceaccount-secrets.yaml`,
  ],
  [
    "a RoleBinding in another team's namespace directory",
    f => {
      f['platform/namespaces/storefront/rolebinding.yaml'] = f[
        `${NS}/rolebinding.yaml`
      ].replace(/namespace: payments/, 'namespace: storefront');
    },
    'RoleBinding/payments-team: platform/namespaces/storefront/rolebinding.yaml is the directory of namespace "storefront", which is not a namespace of service payments',
    'platform/namespaces/storefront/rolebinding.yaml',
  ],
  [
    "another team's AppProject",
    f => {
      f['argocd/projects/team-team-b.yaml'] =
        f['argocd/projects/team-team-a.yaml'];
    },
    'outside apps/payments/*.yaml',
    'argocd/projects/team-team-b.yaml',
  ],
  [
    'an older apiVersion',
    f =>
      edit(f, 'apps/payments/hpa.yaml', o => (o.apiVersion = 'autoscaling/v1')),
    'HorizontalPodAutoscaler/payments: apiVersion must be autoscaling/v2',
    'apps/payments/hpa.yaml',
  ],
];

describe('portico:gitops:commit accepts only what the generators build', () => {
  let server: LoopbackGitServer;
  let actions: Record<string, any>;
  let generated: Files;

  beforeAll(async () => {
    server = await startLoopbackGitServer();
    await seedGitops(server);
    actions = Object.fromEntries(
      createPlatformActions(depsFor(server)).map(a => [a.id, a]),
    );
    generated = (
      await runAction(actions['portico:service:manifests'], SERVICE_INPUT)
    ).files;
  });
  afterAll(() => server.stop());

  it.each(ATTACKS)(
    'refuses %s, naming the file and field, and commits nothing',
    async (_, change, expected, path) => {
      const files = { ...generated };
      change(files);
      const before = await log(server, 'platform', 'gitops');
      const refusal = runAction(actions['portico:gitops:commit'], {
        service: 'payments',
        owner: OWNER,
        files,
      });
      await expect(refusal).rejects.toThrow(InputError);
      await expect(refusal).rejects.toThrow(
        `input.files["${path}"]: ${expected}`,
      );
      expect(await log(server, 'platform', 'gitops')).toEqual(before);
    },
  );

  it('the generated files themselves are accepted (the attacks fail for what they change)', async () => {
    const out = await runAction(actions['portico:gitops:commit'], {
      service: 'payments',
      owner: OWNER,
      files: generated,
    });
    expect(out.changed).toBe(true);
    expect(await log(server, 'platform', 'gitops')).toHaveLength(2);
  });
});
