import { UpstreamManifestValidator } from '@internal/deployment-checks/testUtils';
import { parse } from 'yaml';
import { createPlatformActions } from '.';
import { depsFor } from '../testing/kit';
import { runAction } from '../testing/runAction';
import { SecretStoreChecker } from '../kubernetes/secretStoreChecker';
import {
  FakeKubeApiServer,
  startFakeKubeApiServer,
} from '../testing/fakeKubeApiServer';

const validator = UpstreamManifestValidator.load();

function byId(deps = depsFor(undefined)) {
  return Object.fromEntries(createPlatformActions(deps).map(a => [a.id, a]));
}

function expectValid(files: Record<string, string>) {
  for (const [path, text] of Object.entries(files)) {
    expect({ path, errors: validator.validate(parse(text)).errors }).toEqual({
      path,
      errors: [],
    });
  }
}

describe('portico:external-secret:create', () => {
  let kube: FakeKubeApiServer;
  beforeAll(async () => {
    kube = await startFakeKubeApiServer();
    kube.addStore('ClusterSecretStore', 'vault');
  });
  afterAll(() => kube.stop());

  const input = {
    name: 'payments-stripe',
    namespace: 'payments',
    owner: 'group:default/team-a',
    data: [
      {
        secretKey: 'STRIPE_API_KEY',
        remoteKey: 'stripe',
        property: 'api-key',
      },
    ],
  };

  function withCluster() {
    const deps = depsFor(undefined);
    deps.storeChecker = new SecretStoreChecker({
      name: 'dev',
      url: kube.url,
      token: kube.token,
      skipTLSVerify: true,
    });
    return byId(deps);
  }

  it('builds a valid ExternalSecret after checking the store exists in the cluster', async () => {
    const out = await runAction(
      withCluster()['portico:external-secret:create'],
      input,
    );
    expect(out.storeChecked).toBe(true);
    expect(Object.keys(out.files)).toEqual([
      'apps/payments/externalsecret-payments-stripe.yaml',
    ]);
    expectValid(out.files);
    expect(out.objects[0].spec).toEqual({
      refreshInterval: '1h',
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' },
      target: { name: 'payments-stripe', creationPolicy: 'Owner' },
      data: [
        {
          secretKey: 'STRIPE_API_KEY',
          remoteRef: {
            key: 'services/team-a/payments/stripe',
            property: 'api-key',
          },
        },
      ],
    });
  });

  it('fails clearly when the configured store does not exist', async () => {
    const deps = depsFor(undefined, {
      extra: { secretStore: { kind: 'ClusterSecretStore', name: 'aws' } },
    });
    deps.storeChecker = new SecretStoreChecker({
      name: 'dev',
      url: kube.url,
      token: kube.token,
      skipTLSVerify: true,
    });
    await expect(
      runAction(byId(deps)['portico:external-secret:create'], input),
    ).rejects.toThrow(
      "portico.scaffolder.secretStore: ClusterSecretStore 'aws' does not exist in cluster dev",
    );
  });

  it("the store is the platform's: a template cannot choose one", async () => {
    await expect(
      runAction(byId()['portico:external-secret:create'], {
        ...input,
        secretStore: { kind: 'ClusterSecretStore', name: 'portal-secrets' },
      }),
    ).rejects.toThrow('input: unknown field secretStore');
  });

  it('without a configured cluster builds without checking', async () => {
    const out = await runAction(
      byId()['portico:external-secret:create'],
      input,
    );
    expect(out.storeChecked).toBe(false);
    expect(out.objects[0].metadata.labels).toMatchObject({
      'portico.io/owner-group': 'team-a',
      'portico.io/team': 'team-a',
    });
    expectValid(out.files);
  });

  it.each([
    [
      "another team's key",
      'services/team-b/payments/db',
      `input.data.0.remoteKey: "services/team-b/payments/db" is outside this service's keys: give only the key's name under services/team-a/payments/`,
    ],
    [
      "another service's key",
      'services/team-a/checkout/db',
      `input.data.0.remoteKey: "services/team-a/checkout/db" is outside this service's keys`,
    ],
    [
      'the store root itself',
      'services',
      `input.data.0.remoteKey: "services" is outside this service's keys`,
    ],
    [
      'a traversal',
      'stripe/../../team-b/db',
      'input.data.0.remoteKey: must not contain "." or ".." path segments',
    ],
  ])(
    'refuses %s as remoteKey, naming the field',
    async (_, remoteKey, message) => {
      await expect(
        runAction(byId()['portico:external-secret:create'], {
          ...input,
          data: [{ secretKey: 'X', remoteKey }],
        }),
      ).rejects.toThrow(message);
    },
  );

  it("a key given in full is accepted only under the service's own prefix", async () => {
    const out = await runAction(byId()['portico:external-secret:create'], {
      ...input,
      data: [
        { secretKey: 'A', remoteKey: 'services/team-a/payments/a' },
        { secretKey: 'B', remoteKey: 'nested/b' },
      ],
    });
    expect(out.objects[0].spec.data.map((d: any) => d.remoteRef.key)).toEqual([
      'services/team-a/payments/a',
      'services/team-a/payments/nested/b',
    ]);
  });
});

describe('portico:namespace:create and portico:argocd:application', () => {
  it('namespace: Namespace, RoleBinding, quota and NetworkPolicies, all valid', async () => {
    const out = await runAction(byId()['portico:namespace:create'], {
      name: 'payments',
      owner: 'team-a',
      traffic: 'high',
    });
    expect(out.objects.map((o: any) => o.kind)).toEqual([
      'Namespace',
      'ServiceAccount',
      'RoleBinding',
      'ResourceQuota',
      'LimitRange',
      'NetworkPolicy',
      'NetworkPolicy',
      'NetworkPolicy',
      'AppProject',
    ]);
    expect(out.objects[3].spec.hard['limits.cpu']).toBe('16');
    expect(Object.keys(out.files).sort()).toEqual([
      'argocd/projects/team-team-a.yaml',
      'platform/namespaces/payments/limitrange.yaml',
      'platform/namespaces/payments/namespace.yaml',
      'platform/namespaces/payments/networkpolicy-allow-dns-egress.yaml',
      'platform/namespaces/payments/networkpolicy-allow-ingress-controller.yaml',
      'platform/namespaces/payments/networkpolicy-default-deny-all.yaml',
      'platform/namespaces/payments/resourcequota.yaml',
      'platform/namespaces/payments/rolebinding.yaml',
      'platform/namespaces/payments/serviceaccount-secrets.yaml',
    ]);
    expect(out.objects[0].metadata.labels).toMatchObject({
      'portico.io/team': 'team-a',
      'pod-security.kubernetes.io/enforce': 'restricted',
    });
    expectValid(out.files);
  });

  it('application: points at the service directory of the GitOps repo, valid against the Argo CD CRD', async () => {
    const out = await runAction(byId()['portico:argocd:application'], {
      name: 'payments',
      owner: 'team-a',
    });
    expect(Object.keys(out.files)).toEqual([
      'argocd/applications/payments.yaml',
    ]);
    expect(out.objects[0].spec.source.path).toBe('apps/payments');
    expect(out.objects[0].spec.destination.namespace).toBe('payments');
    expect(out.objects[0].spec.project).toBe('team-team-a');
    expect(out.objects[0].metadata.labels['portico.io/team']).toBe('team-a');
    expectValid(out.files);
  });
});

describe('portico:owner:verify', () => {
  const service = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  };

  it('accepts the owner of an existing entity and refuses others, naming the field', async () => {
    const ok = await runAction(
      byId(depsFor(undefined, { catalog: [service] }))['portico:owner:verify'],
      {
        entityRef: 'component:default/payments',
      },
    );
    expect(ok).toEqual({ owner: 'group:default/team-a', viaAdmin: false });
    await expect(
      runAction(
        byId(
          depsFor(undefined, { catalog: [service], permissionsAllow: false }),
        )['portico:owner:verify'],
        {
          entityRef: 'component:default/payments',
        },
      ),
    ).rejects.toThrow(
      'input.entityRef: you (user:default/bob) do not own component:default/payments; its owner is team-a',
    );
    await expect(
      runAction(
        byId(depsFor(undefined, { catalog: [service] }))[
          'portico:owner:verify'
        ],
        { entityRef: 'component:default/nope' },
      ),
    ).rejects.toThrow(
      'input.entityRef: component:default/nope is not in the catalog',
    );
  });

  it('needs exactly one of owner or entityRef', async () => {
    await expect(runAction(byId()['portico:owner:verify'], {})).rejects.toThrow(
      'give exactly one of "owner" or "entityRef"',
    );
  });
});
