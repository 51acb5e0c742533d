import { InputError } from '@backstage/errors';
import {
  FakeKubeApiServer,
  startFakeKubeApiServer,
} from '../testing/fakeKubeApiServer';
import { SecretStoreChecker } from './secretStoreChecker';

describe('SecretStoreChecker', () => {
  let kube: FakeKubeApiServer;
  let checker: SecretStoreChecker;
  beforeAll(async () => {
    kube = await startFakeKubeApiServer();
    kube.addStore('ClusterSecretStore', 'vault');
    kube.addStore('SecretStore', 'team-store', 'payments');
    checker = new SecretStoreChecker({
      name: 'dev',
      url: kube.url,
      token: kube.token,
      skipTLSVerify: true,
    });
  });
  afterAll(() => kube.stop());

  // client-node only speaks plain HTTP with skipTLSVerify set; the fake listens on loopback HTTP.
  it('finds existing stores with @kubernetes/client-node', async () => {
    await expect(
      checker.assertExists(
        { kind: 'ClusterSecretStore', name: 'vault' },
        'payments',
      ),
    ).resolves.toBeUndefined();
    await expect(
      checker.assertExists(
        { kind: 'SecretStore', name: 'team-store' },
        'payments',
      ),
    ).resolves.toBeUndefined();
    expect(kube.requests).toContain(
      'GET /apis/external-secrets.io/v1/clustersecretstores/vault',
    );
    expect(kube.requests).toContain(
      'GET /apis/external-secrets.io/v1/namespaces/payments/secretstores/team-store',
    );
  });

  it('says clearly which store is missing where', async () => {
    const missing = checker.assertExists(
      { kind: 'ClusterSecretStore', name: 'nope' },
      'payments',
    );
    await expect(missing).rejects.toThrow(InputError);
    await expect(missing).rejects.toThrow(
      "portico.scaffolder.secretStore: ClusterSecretStore 'nope' does not exist in cluster dev",
    );
    await expect(
      checker.assertExists(
        { kind: 'SecretStore', name: 'team-store' },
        'other',
      ),
    ).rejects.toThrow(
      "SecretStore 'team-store' does not exist in namespace 'other' of cluster dev",
    );
  });

  it('reports other failures without pretending the store is missing', async () => {
    const wrongToken = new SecretStoreChecker({
      name: 'dev',
      url: kube.url,
      token: 'bad',
      skipTLSVerify: true,
    });
    await expect(
      wrongToken.assertExists(
        { kind: 'ClusterSecretStore', name: 'vault' },
        'x',
      ),
    ).rejects.toThrow(
      "Could not check ClusterSecretStore 'vault' in cluster dev: HTTP 401",
    );
  });
});
