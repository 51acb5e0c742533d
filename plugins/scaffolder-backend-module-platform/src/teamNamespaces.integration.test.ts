/*
 * Namespaces belong to teams, as the platform records them: the GitOps commit writes the
 * `portico.io/team` label on every Namespace and keeps one AppProject per team whose destinations
 * are the team's namespaces. A namespace another team holds (in the GitOps repository or, by its
 * label, in the cluster) is refused naming that team, at validation and by the commit itself.
 */
import { UpstreamManifestValidator } from '@internal/deployment-checks/testUtils';
import { ConflictError } from '@backstage/errors';
import { parse, stringify } from 'yaml';
import { createPlatformActions } from './actions';
import { depsFor, log, seedGitops } from './testing/kit';
import { runAction } from './testing/runAction';
import {
  LoopbackGitServer,
  startLoopbackGitServer,
} from './testing/loopbackGitServer';

jest.setTimeout(90_000);

const CAROL = {
  userEntityRef: 'user:default/carol',
  ownershipEntityRefs: ['user:default/carol', 'group:default/team-b'],
};
const validator = UpstreamManifestValidator.load();

describe('team namespaces and AppProjects', () => {
  let server: LoopbackGitServer;
  const clusterNamespaces = { 'team-c': ['legacy-billing'] };
  const bob = () =>
    Object.fromEntries(
      createPlatformActions(depsFor(server, { clusterNamespaces })).map(a => [
        a.id,
        a,
      ]),
    );
  const carol = () =>
    Object.fromEntries(
      createPlatformActions(
        depsFor(server, { user: CAROL, clusterNamespaces }),
      ).map(a => [a.id, a]),
    );
  const show = async (p: string) =>
    parse(await server.git('platform', 'gitops', ['show', `main:${p}`]));
  /** The GitOps commit is refused with `message` and the GitOps repository stays as it was. */
  async function expectCommitRefused(
    actions: ReturnType<typeof bob>,
    input: { service: string; owner: string; files: unknown },
    message: string,
  ) {
    const before = await log(server, 'platform', 'gitops');
    const commit = runAction(actions['portico:gitops:commit'], input);
    await expect(commit).rejects.toThrow(message);
    expect(await log(server, 'platform', 'gitops')).toEqual(before);
    // Wrapped: an async function's returned promise would be awaited (and throw) by the caller.
    return { commit };
  }

  async function create(
    actions: Record<string, any>,
    input: Record<string, unknown>,
  ) {
    await runAction(actions['portico:service:validate'], input);
    const manifests = await runAction(
      actions['portico:service:manifests'],
      input,
    );
    return runAction(actions['portico:gitops:commit'], {
      service: input.name,
      owner: input.owner,
      files: manifests.files,
    });
  }

  beforeAll(async () => {
    server = await startLoopbackGitServer();
    await seedGitops(server);
  });
  afterAll(() => server.stop());

  it("the team's first namespace is committed with its AppProject; later ones are added to it", async () => {
    await create(bob(), { name: 'payments', owner: 'group:default/team-a' });
    const first = await show('argocd/projects/team-team-a.yaml');
    expect(validator.validate(first)).toEqual({ valid: true, errors: [] });
    expect(first).toMatchObject({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: {
        name: 'team-team-a',
        namespace: 'argocd',
        labels: { 'portico.io/team': 'team-a' },
      },
      spec: {
        sourceRepos: [server.cloneUrl('platform', 'gitops')],
        destinations: [
          { server: 'https://kubernetes.default.svc', namespace: 'payments' },
        ],
        clusterResourceWhitelist: [],
      },
    });
    const namespace = await show('platform/namespaces/payments/namespace.yaml');
    expect(namespace.metadata.labels['portico.io/team']).toBe('team-a');
    const app = await show('argocd/applications/payments.yaml');
    expect(app.spec.project).toBe('team-team-a');
    expect(app.metadata.labels['portico.io/team']).toBe('team-a');

    // A second service of the team: its namespace joins the same AppProject.
    await create(bob(), { name: 'refunds', owner: 'group:default/team-a' });
    const second = await show('argocd/projects/team-team-a.yaml');
    expect(validator.validate(second)).toEqual({ valid: true, errors: [] });
    expect(second.spec.destinations.map((d: any) => d.namespace)).toEqual([
      'payments',
      'refunds',
    ]);
  });

  it("the AppProject is the platform's: a forged one in the input is replaced by the commit", async () => {
    const actions = bob();
    const manifests = await runAction(actions['portico:service:manifests'], {
      name: 'ledger',
      owner: 'group:default/team-a',
    });
    const files = { ...manifests.files };
    const forged = parse(files['argocd/projects/team-team-a.yaml']);
    forged.spec.clusterResourceWhitelist = [{ group: '*', kind: '*' }];
    forged.spec.destinations = [
      { server: 'https://kubernetes.default.svc', namespace: '*' },
    ];
    files['argocd/projects/team-team-a.yaml'] = stringify(forged);
    await runAction(actions['portico:gitops:commit'], {
      service: 'ledger',
      owner: 'group:default/team-a',
      files,
    });
    const project = await show('argocd/projects/team-team-a.yaml');
    expect(project.spec.clusterResourceWhitelist).toEqual([]);
    expect(project.spec.destinations.map((d: any) => d.namespace)).toEqual([
      'ledger',
      'payments',
      'refunds',
    ]);
  });

  it("another team's namespace (GitOps repository) is refused naming the team, at validation and by the commit", async () => {
    const actions = carol();
    const input = {
      name: 'checkout',
      namespace: 'payments',
      owner: 'group:default/team-b',
    };
    const validation = runAction(actions['portico:service:validate'], input);
    await expect(validation).rejects.toThrow(ConflictError);
    await expect(validation).rejects.toThrow(
      'input.namespace: namespace "payments" is held by team team-a (platform/namespaces/payments/namespace.yaml); choose another name',
    );
    const manifests = await runAction(
      actions['portico:service:manifests'],
      input,
    );
    const { commit } = await expectCommitRefused(
      actions,
      {
        service: 'checkout',
        owner: 'group:default/team-b',
        files: manifests.files,
      },
      'input.files["platform/namespaces/payments/namespace.yaml"]: namespace "payments" is held by team team-a',
    );
    await expect(commit).rejects.toThrow(ConflictError);
    // The environment route (portico:owner:verify with a namespace) says the same.
    await expect(
      runAction(actions['portico:owner:verify'], {
        owner: 'group:default/team-b',
        namespace: 'payments',
      }),
    ).rejects.toThrow(
      'input.namespace: namespace "payments" is held by team team-a (platform/namespaces/payments/namespace.yaml in the GitOps repository)',
    );
  });

  it('a namespace the cluster labels for another team is refused naming the team', async () => {
    const actions = carol();
    const input = { name: 'legacy-billing', owner: 'group:default/team-b' };
    await expect(
      runAction(actions['portico:service:validate'], input),
    ).rejects.toThrow(
      'input.name: namespace "legacy-billing" exists in the cluster and is held by team team-c; choose another name',
    );
    const manifests = await runAction(
      actions['portico:service:manifests'],
      input,
    );
    await expectCommitRefused(
      actions,
      {
        service: 'legacy-billing',
        owner: 'group:default/team-b',
        files: manifests.files,
      },
      'input.files["platform/namespaces/legacy-billing/namespace.yaml"]: namespace "legacy-billing" exists in the cluster and is held by team team-c',
    );
    await expect(
      runAction(actions['portico:owner:verify'], {
        owner: 'group:default/team-b',
        namespace: 'legacy-billing',
      }),
    ).rejects.toThrow('held by team team-c');
    // A namespace nobody holds passes.
    await expect(
      runAction(actions['portico:owner:verify'], {
        owner: 'group:default/team-b',
        namespace: 'checkout-dev',
      }),
    ).resolves.toEqual({ owner: 'group:default/team-b', viaAdmin: false });
  });

  it("a secret for a service goes only into that service's namespaces", async () => {
    // Bob's component says its namespace is storefront (annotations only point): refused.
    const actions = bob();
    const secret = await runAction(actions['portico:external-secret:create'], {
      name: 'payments-psp',
      namespace: 'storefront',
      service: 'payments',
      owner: 'group:default/team-a',
      data: [{ secretKey: 'PSP', remoteKey: 'psp' }],
    });
    await expectCommitRefused(
      actions,
      {
        service: 'payments',
        owner: 'group:default/team-a',
        files: secret.files,
      },
      'input.files["apps/payments/externalsecret-payments-psp.yaml"]: ExternalSecret/payments-psp: metadata.namespace "storefront" is not a namespace of service payments (its namespaces: payments)',
    );
  });
});
