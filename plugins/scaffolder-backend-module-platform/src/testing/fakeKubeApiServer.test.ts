import { UpstreamManifestValidator } from '@internal/deployment-checks/testUtils';
import { FakeKubeApiServer, startFakeKubeApiServer } from './fakeKubeApiServer';

const validator = UpstreamManifestValidator.load();

describe('fake kube-apiserver', () => {
  let kube: FakeKubeApiServer;
  beforeAll(async () => {
    kube = await startFakeKubeApiServer();
    kube.addStore('ClusterSecretStore', 'vault');
    kube.addStore('SecretStore', 'team-store', 'payments');
  });
  afterAll(() => kube.stop());

  const get = (path: string, token = kube.token) =>
    fetch(`${kube.url}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });

  it.each([
    ['/apis/external-secrets.io/v1/clustersecretstores/vault'],
    [
      '/apis/external-secrets.io/v1/namespaces/payments/secretstores/team-store',
    ],
  ])('serves %s as an object valid against the ESO v1 CRD', async path => {
    const res = await get(path);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(validator.validate(body)).toEqual({ valid: true, errors: [] });
  });

  it.each([
    ['/apis/external-secrets.io/v1/clustersecretstores/missing', 404, 'token'],
    [
      '/apis/external-secrets.io/v1/namespaces/other/secretstores/team-store',
      404,
      'token',
    ],
    ['/apis/external-secrets.io/v1/clustersecretstores/vault', 401, 'wrong'],
  ])(
    'answers %s with a meta/v1 Status (%s) valid against the Kubernetes 1.35 schema',
    async (path, status, tokenKind) => {
      const res = await get(path, tokenKind === 'wrong' ? 'nope' : kube.token);
      expect(res.status).toBe(status);
      const body = await res.json();
      expect(body.code).toBe(status);
      expect(validator.validate(body)).toEqual({ valid: true, errors: [] });
    },
  );
});
