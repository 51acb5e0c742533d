import {
  deployment,
  replicaSet,
  vulnerabilityReport,
} from '../testing/clusterObjects';
import { startFakeCluster, type FakeCluster } from '../testing/fakeCluster';
import { ClusterClient } from './ClusterClient';
import { LISTS_PER_NAMESPACE, NamespaceLists } from './NamespaceLists';
import {
  readServiceVulnerabilities,
  type ServiceTarget,
} from './readServiceVulnerabilities';

const target = (
  app: string,
  namespaces: string[] = ['payments'],
): ServiceTarget => ({
  entityRef: `component:default/${app}`,
  namespaces,
  appLabel: 'app.kubernetes.io/name',
  app,
});

const image = (name: string) => ({ repository: `acme/${name}`, tag: '1.4.2' });

describe('readServiceVulnerabilities', () => {
  let cluster: FakeCluster;
  let client: ClusterClient;
  beforeAll(async () => {
    cluster = await startFakeCluster();
    client = new ClusterClient({
      url: cluster.url,
      token: cluster.token,
      skipTLSVerify: true, // the fake is plain HTTP on loopback
    });
    cluster.put(deployment('payments', 'payments-api'));
    cluster.put(replicaSet('payments', 'payments-api', 'new55', 2));
    cluster.put(replicaSet('payments', 'payments-api', 'old44', 0));
    cluster.put(deployment('payments', 'ledger'));
    cluster.put(replicaSet('payments', 'ledger', 'aa11', 1));
    cluster.put(
      vulnerabilityReport(
        'payments',
        'payments-api-new55',
        'app',
        image('payments-api'),
        [
          {
            id: 'CVE-2026-0003',
            severity: 'HIGH',
            pkg: 'golang.org/x/net',
            installed: 'v0.30.0',
            fixed: '0.33.0',
            score: 7.5,
          },
          {
            id: 'CVE-2026-0001',
            severity: 'CRITICAL',
            pkg: 'openssl',
            installed: '3.0.11-1',
            fixed: '3.0.15-1',
            score: 9.8,
          },
          // trivy lists the same CVE again for a second target: shown once.
          {
            id: 'CVE-2026-0001',
            severity: 'CRITICAL',
            pkg: 'openssl',
            installed: '3.0.11-1',
            fixed: '3.0.15-1',
            score: 9.8,
            target: 'usr/lib/ssl',
          },
          {
            id: 'CVE-2026-0002',
            severity: 'CRITICAL',
            pkg: 'libxml2',
            installed: '2.9.14',
            score: 9.1,
          },
        ],
      ),
    );
    // The old ReplicaSet's report: its image no longer runs.
    cluster.put(
      vulnerabilityReport(
        'payments',
        'payments-api-old44',
        'app',
        image('payments-api'),
        [
          {
            id: 'CVE-2025-9999',
            severity: 'CRITICAL',
            pkg: 'bash',
            installed: '5.1',
          },
        ],
      ),
    );
    cluster.put(
      vulnerabilityReport('payments', 'ledger-aa11', 'app', image('ledger'), [
        {
          id: 'CVE-2026-0100',
          severity: 'MEDIUM',
          pkg: 'curl',
          installed: '7.88.1',
        },
      ]),
    );
  });
  afterAll(() => cluster.stop());

  it("shows each CVE of the service's running images once, worst first, with its fix", async () => {
    const found = await readServiceVulnerabilities(
      new NamespaceLists(client),
      target('payments-api'),
    );
    expect(found.state).toBe('ok');
    if (found.state !== 'ok') return;
    expect(found.images).toHaveLength(1);
    const [img] = found.images;
    expect(img).toMatchObject({
      namespace: 'payments',
      workload: { kind: 'Deployment', name: 'payments-api' },
      container: 'app',
      image: 'ghcr.io/acme/payments-api:1.4.2',
      counts: { CRITICAL: 2, HIGH: 1, MEDIUM: 0, LOW: 0, UNKNOWN: 0 },
    });
    expect(img.vulnerabilities.map(v => v.id)).toEqual([
      'CVE-2026-0001',
      'CVE-2026-0002',
      'CVE-2026-0003',
    ]);
    expect(img.vulnerabilities[0]).toEqual({
      id: 'CVE-2026-0001',
      severity: 'CRITICAL',
      packageName: 'openssl',
      installedVersion: '3.0.11-1',
      fixedVersion: '3.0.15-1',
      title: 'openssl: cve-2026-0001 allows a remote attacker in',
      link: 'https://avd.aquasec.com/nvd/cve-2026-0001',
      score: 9.8,
    });
    // No fix yet: no fixedVersion.
    expect(img.vulnerabilities[1].fixedVersion).toBeUndefined();
  });

  it('lists each namespace once per read, however many services live in it', async () => {
    const before = cluster.requests.length;
    const lists = new NamespaceLists(client);
    const ledger = await readServiceVulnerabilities(lists, target('ledger'));
    await readServiceVulnerabilities(lists, target('payments-api'));
    expect(ledger.state === 'ok' && ledger.images[0].counts.MEDIUM).toBe(1);
    expect(cluster.requests.length - before).toBe(LISTS_PER_NAMESPACE);
  });

  it('says calmly why there is no data', async () => {
    const lists = () => new NamespaceLists(client);
    expect(
      await readServiceVulnerabilities(lists(), target('payments-api', [])),
    ).toEqual({
      state: 'no-data',
      reason: 'no-namespace',
    });
    expect(
      await readServiceVulnerabilities(lists(), target('checkout')),
    ).toEqual({
      state: 'no-data',
      reason: 'no-workload',
    });
    // Another team's namespace is not read for this service (it is not in its namespaces).
    expect(
      await readServiceVulnerabilities(
        lists(),
        target('payments-api', ['storefront']),
      ),
    ).toEqual({ state: 'no-data', reason: 'no-workload' });
    cluster.setInstalled('vulnerabilityreports.aquasecurity.github.io', false);
    try {
      expect(
        await readServiceVulnerabilities(lists(), target('payments-api')),
      ).toEqual({
        state: 'no-data',
        reason: 'not-scanned',
      });
    } finally {
      cluster.setInstalled('vulnerabilityreports.aquasecurity.github.io', true);
    }
  });

  it('fails with the resource and namespace named when the API server fails', async () => {
    cluster.setFailing(true);
    try {
      await expect(
        readServiceVulnerabilities(
          new NamespaceLists(client),
          target('payments-api'),
        ),
      ).rejects.toThrow(/Listing .* in payments failed \(HTTP 500\)/);
    } finally {
      cluster.setFailing(false);
    }
  });

  it('names the report and field when a report does not have the CRD shape', async () => {
    const broken = vulnerabilityReport(
      'broken',
      'svc-bb22',
      'app',
      image('svc'),
      [],
    );
    (broken.report as { updateTimestamp?: string }).updateTimestamp = undefined;
    cluster.put(deployment('broken', 'svc'));
    cluster.put(replicaSet('broken', 'svc', 'bb22', 1));
    cluster.put(broken);
    await expect(
      readServiceVulnerabilities(
        new NamespaceLists(client),
        target('svc', ['broken']),
      ),
    ).rejects.toThrow(
      'VulnerabilityReport broken/replicaset-svc-bb22-app: report.updateTimestamp',
    );
  });
});
