import { FakeKubernetesSecrets } from '../testing/FakeKubernetesSecrets';
import { KubernetesSecretTokenDelivery } from './CallbackTokenDelivery';

describe('KubernetesSecretTokenDelivery', () => {
  let kube: FakeKubernetesSecrets;
  let delivery: KubernetesSecretTokenDelivery;
  const runId = '0b0e7d7e-1f0a-4b7e-9a55-2d7b9a1c0d11';

  beforeEach(async () => {
    kube = await FakeKubernetesSecrets.start();
    delivery = new KubernetesSecretTokenDelivery({
      namespace: 'argo',
      kubernetes: { url: kube.url, token: 'sa-token', skipTLSVerify: true },
    });
  });
  afterEach(() => kube.stop());

  it('creates the run’s Secret, replaces it on the next attempt, deletes it (twice is fine)', async () => {
    const expiresAt = new Date('2026-12-01T10:00:00Z');
    expect(await delivery.deliver(runId, 'first-token', expiresAt)).toEqual({
      callbackTokenSecret: {
        namespace: 'argo',
        name: `portico-run-${runId}`,
        key: 'token',
      },
    });
    expect(kube.read('argo', `portico-run-${runId}`, 'token')).toBe(
      'first-token',
    );
    const secret = kube.secrets.get(`argo/portico-run-${runId}`);
    expect(secret.metadata).toMatchObject({
      labels: {
        'app.kubernetes.io/managed-by': 'portico-provisioning',
        'app.kubernetes.io/component': 'callback-token',
        'portico.io/provisioning-run': runId,
      },
      annotations: { 'portico.io/expires-at': '2026-12-01T10:00:00.000Z' },
    });
    await delivery.deliver(runId, 'second-token', expiresAt);
    expect(kube.read('argo', `portico-run-${runId}`, 'token')).toBe(
      'second-token',
    );
    await delivery.remove(runId);
    await delivery.remove(runId);
    expect(kube.secrets.size).toBe(0);
    expect(kube.requests.map(r => r.method)).toEqual([
      'POST',
      'POST',
      'PUT',
      'DELETE',
      'DELETE',
    ]);
    // It never reads or lists Secrets (the portal's RBAC does not allow it).
    expect(
      kube.requests.every(r => r.authorization === 'Bearer sa-token'),
    ).toBe(true);
  });

  it('fails with the status, never with the token', async () => {
    kube.failWith = 403;
    const error = await delivery
      .deliver(runId, 'the-secret-token-value', new Date())
      .catch(e => e);
    expect(error.message).toBe(
      'could not create the callback token Secret (Kubernetes answered 403)',
    );
    expect(error.message).not.toContain('the-secret-token-value');
  });
});
