import { join } from 'node:path';
import { findRepoRoot } from './argocd/catalogApps';
import { startClusterPeer } from './cluster';
import { catalogWorkloads } from './cluster/catalogWorkloads';
import { peerContext } from './__testUtils__/context';

describe('startClusterPeer', () => {
  it("holds every example workload in its team's namespace, most with trivy-operator's report", async () => {
    const workloads = catalogWorkloads(join(findRepoRoot(), 'catalog'));
    expect(workloads.length).toBeGreaterThanOrEqual(5);
    expect(workloads.find(w => w.name === 'payments-api')).toEqual({
      name: 'payments-api',
      app: 'payments-api',
      namespace: 'payments',
    });
    const peer = await startClusterPeer(
      peerContext('http://localhost:7007', {}, 'http://localhost:3000'),
    );
    try {
      const cluster = (peer.config as any).serviceHealth.cluster;
      expect(cluster).toMatchObject({
        url: peer.description.url,
        skipTLSVerify: true,
      });
      const list = async (path: string) => {
        const res = await fetch(`${cluster.url}${path}`, {
          headers: { authorization: `Bearer ${cluster.token}` },
        });
        expect(res.status).toBe(200);
        return (await res.json()).items as any[];
      };
      const deployments = await list(
        '/apis/apps/v1/namespaces/payments/deployments',
      );
      expect(deployments.map(d => d.metadata.name)).toContain('payments-api');
      let reports = 0;
      for (const ns of new Set(workloads.map(w => w.namespace))) {
        reports += (
          await list(
            `/apis/aquasecurity.github.io/v1alpha1/namespaces/${ns}/vulnerabilityreports`,
          )
        ).length;
      }
      // every fifth workload is "not scanned yet"
      expect(reports).toBe(workloads.filter((_, i) => i % 5 !== 4).length);
    } finally {
      await peer.stop();
    }
  });
});
