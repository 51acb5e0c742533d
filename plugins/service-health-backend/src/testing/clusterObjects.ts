/*
 * Objects as a cluster running a service holds them: a Deployment with its current ReplicaSet (and
 * an old one scaled to zero), and trivy-operator's VulnerabilityReport of the current ReplicaSet's
 * container, shaped as trivy-operator v0.32 writes them (labels, ownerReferences, report).
 */
import type { FakeObject } from './fakeCluster';

const CREATED = '2026-12-01T08:00:00Z';

export function deployment(
  namespace: string,
  name: string,
  labels: Record<string, string> = { 'app.kubernetes.io/name': name },
): FakeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels, uid: `uid-deploy-${name}` },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [{ name: 'app', image: `ghcr.io/acme/${name}:1.4.2` }],
        },
      },
    },
  };
}

/** A ReplicaSet of `deploy` (running `replicas` pods). */
export function replicaSet(
  namespace: string,
  deploy: string,
  hash: string,
  replicas: number,
): FakeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${deploy}-${hash}`,
      namespace,
      labels: {
        'app.kubernetes.io/name': deploy,
        'pod-template-hash': hash,
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: deploy,
          uid: `uid-deploy-${deploy}`,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      replicas,
      selector: { matchLabels: { 'app.kubernetes.io/name': deploy } },
    },
  };
}

export interface FakeVulnerability {
  id: string;
  severity: 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'UNKNOWN';
  pkg: string;
  installed: string;
  fixed?: string;
  score?: number;
  /** trivy lists a CVE once per target: a second target repeats it. */
  target?: string;
}

/** trivy-operator's report on one container of a ReplicaSet. */
export function vulnerabilityReport(
  namespace: string,
  replicaSetName: string,
  container: string,
  image: { repository: string; tag: string },
  vulnerabilities: FakeVulnerability[],
): FakeObject {
  const count = (s: FakeVulnerability['severity']) =>
    vulnerabilities.filter(v => v.severity === s).length;
  return {
    apiVersion: 'aquasecurity.github.io/v1alpha1',
    kind: 'VulnerabilityReport',
    metadata: {
      name: `replicaset-${replicaSetName}-${container}`,
      namespace,
      creationTimestamp: CREATED,
      labels: {
        'trivy-operator.container.name': container,
        'trivy-operator.resource.kind': 'ReplicaSet',
        'trivy-operator.resource.name': replicaSetName,
        'trivy-operator.resource.namespace': namespace,
        'resource-spec-hash': '5f9c8d7b6',
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: replicaSetName,
          uid: `uid-rs-${replicaSetName}`,
          controller: true,
          blockOwnerDeletion: false,
        },
      ],
    },
    report: {
      artifact: { repository: image.repository, tag: image.tag },
      os: { family: 'debian', name: '12.8' },
      registry: { server: 'ghcr.io' },
      scanner: { name: 'Trivy', vendor: 'Aqua Security', version: '0.58.1' },
      summary: {
        criticalCount: count('CRITICAL'),
        highCount: count('HIGH'),
        mediumCount: count('MEDIUM'),
        lowCount: count('LOW'),
        unknownCount: count('UNKNOWN'),
        noneCount: 0,
      },
      updateTimestamp: '2026-12-07T06:00:00Z',
      vulnerabilities: vulnerabilities.map(v => ({
        vulnerabilityID: v.id,
        severity: v.severity,
        resource: v.pkg,
        installedVersion: v.installed,
        fixedVersion: v.fixed ?? '',
        title: `${v.pkg}: ${v.id.toLowerCase()} allows a remote attacker in`,
        primaryLink: `https://avd.aquasec.com/nvd/${v.id.toLowerCase()}`,
        links: [],
        publishedDate: '2026-10-01T00:00:00Z',
        lastModifiedDate: '2026-11-02T00:00:00Z',
        target: v.target ?? `ghcr.io/acme/${image.repository} (debian 12.8)`,
        ...(v.score !== undefined ? { score: v.score } : {}),
      })),
    },
  };
}

/** One result of a policy engine's report. */
export interface FakePolicyResult {
  policy: string;
  rule: string;
  result: 'pass' | 'fail' | 'warn' | 'error' | 'skip';
  severity: 'critical' | 'high' | 'medium' | 'low' | 'info';
  message: string;
}

/** Kyverno's per-resource PolicyReport (wgpolicyk8s.io/v1alpha2) about one Deployment. */
export function policyReport(
  namespace: string,
  deploymentName: string,
  results: FakePolicyResult[],
): FakeObject {
  const uid = `uid-deploy-${deploymentName}`;
  const count = (r: FakePolicyResult['result']) =>
    results.filter(x => x.result === r).length;
  return {
    apiVersion: 'wgpolicyk8s.io/v1alpha2',
    kind: 'PolicyReport',
    metadata: {
      name: uid,
      namespace,
      labels: { 'app.kubernetes.io/managed-by': 'kyverno' },
    },
    scope: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace,
      name: deploymentName,
      uid,
    },
    summary: {
      pass: count('pass'),
      fail: count('fail'),
      warn: count('warn'),
      error: count('error'),
      skip: count('skip'),
    },
    results: results.map(r => ({
      ...r,
      category: 'Pod Security Standards (Restricted)',
      scored: true,
      source: 'kyverno',
      timestamp: { seconds: 1796774400, nanos: 0 },
    })),
  };
}
