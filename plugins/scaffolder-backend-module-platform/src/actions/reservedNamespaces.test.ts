/*
 * Reserved namespaces (default, kube-*, the platform's own, portico.reservedNamespaces) are
 * refused by every action that takes a namespace or service name, as an InputError naming the
 * field — before ownership or anything else: the owner here is a team Bob is NOT in, and the Git
 * server sees no request.
 */
import { InputError } from '@backstage/errors';
import { BUILT_IN_RESERVED_NAMESPACES } from '@internal/plugin-portico-node';
import { createPlatformActions } from '.';
import { depsFor, seedGitops } from '../testing/kit';
import { runAction } from '../testing/runAction';
import {
  LoopbackGitServer,
  startLoopbackGitServer,
} from '../testing/loopbackGitServer';

const FOREIGN = 'group:default/team-b';

/** [action, field, input with the reserved value in that field] */
const CASES: Array<[string, string, (ns: string) => Record<string, unknown>]> =
  [
    ['portico:service:validate', 'name', ns => ({ name: ns, owner: FOREIGN })],
    [
      'portico:service:validate',
      'namespace',
      ns => ({ name: 'payments', namespace: ns, owner: FOREIGN }),
    ],
    ['portico:service:manifests', 'name', ns => ({ name: ns, owner: FOREIGN })],
    [
      'portico:service:manifests',
      'namespace',
      ns => ({ name: 'payments', namespace: ns, owner: FOREIGN }),
    ],
    ['portico:namespace:create', 'name', ns => ({ name: ns, owner: FOREIGN })],
    [
      'portico:namespace:create',
      'service',
      ns => ({ name: 'payments', service: ns, owner: FOREIGN }),
    ],
    [
      'portico:argocd:application',
      'name',
      ns => ({ name: ns, owner: FOREIGN }),
    ],
    [
      'portico:argocd:application',
      'namespace',
      ns => ({ name: 'payments', namespace: ns, owner: FOREIGN }),
    ],
    [
      'portico:external-secret:create',
      'namespace',
      ns => ({
        name: 'x',
        namespace: ns,
        owner: FOREIGN,
        data: [{ secretKey: 'A', remoteKey: 'a' }],
      }),
    ],
    [
      'portico:external-secret:create',
      'service',
      ns => ({
        name: 'x',
        namespace: 'payments',
        service: ns,
        owner: FOREIGN,
        data: [{ secretKey: 'A', remoteKey: 'a' }],
      }),
    ],
    [
      'portico:gitops:commit',
      'service',
      ns => ({
        service: ns,
        owner: FOREIGN,
        files: { [`apps/${ns}/namespace.yaml`]: 'kind: Namespace\n' },
      }),
    ],
    [
      'portico:gitops:commit',
      'files["platform/namespaces/<ns>/namespace.yaml"]',
      ns => ({
        service: 'payments',
        owner: FOREIGN,
        files: {
          [`platform/namespaces/${ns}/namespace.yaml`]: `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${ns}}\n`,
        },
      }),
    ],
    [
      'portico:gitops:commit',
      'files["apps/payments/deployment.yaml"]',
      ns => ({
        service: 'payments',
        owner: FOREIGN,
        files: {
          'apps/payments/deployment.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: payments, namespace: ${ns}}\n`,
        },
      }),
    ],
    [
      'portico:gitops:commit',
      'files["argocd/applications/payments.yaml"]',
      ns => ({
        service: 'payments',
        owner: FOREIGN,
        files: {
          'argocd/applications/payments.yaml': `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: payments, namespace: argocd}\nspec: {destination: {namespace: ${ns}}}\n`,
        },
      }),
    ],
    [
      'portico:owner:verify',
      'namespace',
      ns => ({ owner: FOREIGN, namespace: ns }),
    ],
  ];

const RESERVED = ['kube-system', 'default', 'argocd', 'portico', 'tenant-x'];

describe('reserved namespaces', () => {
  let server: LoopbackGitServer;
  beforeAll(async () => {
    server = await startLoopbackGitServer();
    await seedGitops(server);
  });
  afterAll(() => server.stop());

  const actions = () =>
    Object.fromEntries(
      createPlatformActions(depsFor(server, { reserved: ['tenant-*'] })).map(
        a => [a.id, a],
      ),
    );

  it('the built-in list covers Kubernetes and the platform', () => {
    expect(BUILT_IN_RESERVED_NAMESPACES).toEqual(
      expect.arrayContaining(['default', 'kube-*', 'argocd', 'portico']),
    );
  });

  it.each(
    CASES.flatMap(([id, field, input]) =>
      RESERVED.map(ns => [id, field, ns, input] as const),
    ),
  )(
    '%s refuses %s = %s before ownership and before Git',
    async (id, field, ns, input) => {
      const before = JSON.stringify(server.requests);
      const refusal = runAction(actions()[id], input(ns));
      await expect(refusal).rejects.toThrow(InputError);
      const pattern = field.startsWith('files')
        ? /input\.files\["[^"]+"\]: [a-zA-Z.[\]0-9]+: /
        : new RegExp(`input\\.${field}: `);
      await expect(refusal).rejects.toThrow(pattern);
      await expect(refusal).rejects.toThrow(
        `"${ns}" is reserved for the platform (`,
      );
      await expect(refusal).rejects.not.toThrow(/not a member/);
      expect(JSON.stringify(server.requests)).toBe(before);
    },
  );
});
