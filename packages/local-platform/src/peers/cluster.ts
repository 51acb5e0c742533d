import {
  deployment,
  replicaSet,
  startFakeCluster,
  vulnerabilityReport,
} from '@internal/plugin-service-health-backend/testUtils';
import type { PeerStarter } from '../types';
import { findRepoRoot } from './argocd/catalogApps';
import { join } from 'node:path';
import { catalogWorkloads } from './cluster/catalogWorkloads';
import { demoVulnerabilities } from './cluster/demoFindings';

/**
 * A kube-apiserver stand-in (service-health-backend's fake, validated against the apps/v1 OpenAPI
 * and trivy-operator's CRD) holding a Deployment, its ReplicaSet and trivy-operator's
 * VulnerabilityReport for every example component that names its namespace, so the Vulnerabilities
 * card, the catalog's column and the teams page show data. The portal reads it as serviceHealth.cluster.
 */
export const startClusterPeer: PeerStarter<{ url: string }> = async context => {
  const cluster = await startFakeCluster();
  const workloads = catalogWorkloads(join(findRepoRoot(), 'catalog'));
  workloads.forEach((w, i) => {
    const hash = `${(0x5f3a1 + i * 7919).toString(16)}`.slice(0, 5);
    cluster.put(
      deployment(w.namespace, w.app, { 'app.kubernetes.io/name': w.app }),
    );
    cluster.put(replicaSet(w.namespace, w.app, hash, 2));
    const vulnerabilities = demoVulnerabilities(i);
    if (vulnerabilities) {
      cluster.put(
        vulnerabilityReport(
          w.namespace,
          `${w.app}-${hash}`,
          'app',
          { repository: `acme/${w.app}`, tag: `1.${i % 9}.${i % 4}` },
          vulnerabilities,
        ),
      );
    }
  });
  context.log(
    `Cluster stand-in: ${cluster.url} (${workloads.length} workloads with trivy-operator reports)`,
  );
  return {
    description: { url: cluster.url },
    config: {
      serviceHealth: {
        cluster: {
          url: cluster.url,
          token: cluster.token,
          // plain HTTP on loopback
          skipTLSVerify: true,
          frequency: { minutes: 2 },
        },
      },
    },
    stop: () => cluster.stop(),
  };
};
