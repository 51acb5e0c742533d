import { UpstreamManifestValidator } from '@internal/deployment-checks/testing';
import { parse } from 'yaml';
import { createPlatformActions } from '.';
import { depsFor } from '../__testUtils__/kit';
import { runAction } from '../__testUtils__/runAction';
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
        remoteKey: 'teams/team-a/stripe',
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
          remoteRef: { key: 'teams/team-a/stripe', property: 'api-key' },
        },
      ],
    });
  });

  it('fails clearly when the store does not exist', async () => {
    await expect(
      runAction(withCluster()['portico:external-secret:create'], {
        ...input,
        secretStore: { kind: 'ClusterSecretStore', name: 'aws' },
      }),
    ).rejects.toThrow("ClusterSecretStore 'aws' does not exist in cluster dev");
  });

  it('without a configured cluster builds without checking, and without owner sets no owner label', async () => {
    const { owner, ...noOwner } = input;
    const out = await runAction(
      byId()['portico:external-secret:create'],
      noOwner,
    );
    expect(out.storeChecked).toBe(false);
    expect(
      out.objects[0].metadata.labels['portico.io/owner-group'],
    ).toBeUndefined();
    expectValid(out.files);
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
      'RoleBinding',
      'ResourceQuota',
      'NetworkPolicy',
      'NetworkPolicy',
      'NetworkPolicy',
    ]);
    expect(out.objects[2].spec.hard['limits.cpu']).toBe('16');
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
