import {
  CrdSchemaValidator,
  KubernetesSchemaValidator,
} from '@internal/deployment-checks/testUtils';
import {
  readSpecJson,
  specFile,
} from '@internal/plugin-portico-node/testUtils';
import {
  deployment,
  policyReport,
  replicaSet,
  vulnerabilityReport,
} from './clusterObjects';
import { startFakeCluster, type FakeCluster } from './fakeCluster';

describe('the fake cluster', () => {
  let cluster: FakeCluster;
  let kubernetes: KubernetesSchemaValidator;
  let crds: CrdSchemaValidator;
  beforeAll(async () => {
    cluster = await startFakeCluster();
    kubernetes = new KubernetesSchemaValidator();
    kubernetes.addOpenApiDocument(
      'apis__apps__v1_openapi',
      readSpecJson('kubernetes', 'apis__apps__v1_openapi.json'),
    );
    crds = CrdSchemaValidator.fromFiles([
      specFile(
        'trivy-operator',
        'aquasecurity.github.io_vulnerabilityreports.yaml',
      ),
      specFile(
        'policy-reports',
        'kyverno',
        'wgpolicyk8s.io_policyreports.yaml',
      ),
    ]);
  });
  afterAll(() => cluster.stop());

  const list = async (path: string, token = cluster.token) => {
    const res = await fetch(`${cluster.url}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: res.status, body: await res.json() };
  };

  it('lists Deployments and ReplicaSets as apps/v1 lists the API server would send', async () => {
    cluster.put(deployment('payments', 'payments-api'));
    cluster.put(replicaSet('payments', 'payments-api', '7d9f8c6b5', 2));
    for (const plural of ['deployments', 'replicasets']) {
      const { status, body } = await list(
        `/apis/apps/v1/namespaces/payments/${plural}`,
      );
      expect(status).toBe(200);
      expect(body.items).toHaveLength(1);
      expect(kubernetes.validate(body)).toEqual({ valid: true, errors: [] });
    }
    // The validator is strict: an invented field fails.
    const { body } = await list(
      '/apis/apps/v1/namespaces/payments/deployments',
    );
    body.items[0].spec.replicaCount = 2;
    expect(kubernetes.validate(body).valid).toBe(false);
  });

  it("serves trivy-operator's reports in the VulnerabilityReport CRD's shape", async () => {
    cluster.put(
      vulnerabilityReport(
        'payments',
        'payments-api-7d9f8c6b5',
        'app',
        { repository: 'acme/payments-api', tag: '1.4.2' },
        [
          {
            id: 'CVE-2026-1001',
            severity: 'CRITICAL',
            pkg: 'openssl',
            installed: '3.0.11-1',
            fixed: '3.0.15-1',
            score: 9.8,
          },
          {
            id: 'CVE-2026-2002',
            severity: 'LOW',
            pkg: 'zlib',
            installed: '1.2.13',
          },
        ],
      ),
    );
    const { status, body } = await list(
      '/apis/aquasecurity.github.io/v1alpha1/namespaces/payments/vulnerabilityreports',
    );
    expect(status).toBe(200);
    expect(body.kind).toBe('VulnerabilityReportList');
    expect(body.items).toHaveLength(1);
    expect(crds.validate(body.items[0])).toEqual({ valid: true, errors: [] });
    const bad = structuredClone(body.items[0]);
    bad.report.vulnerabilities[0].severity = 'SEVERE';
    expect(crds.validate(bad).valid).toBe(false);
  });

  it("serves Kyverno's PolicyReports in the wgpolicyk8s.io/v1alpha2 CRD's shape", async () => {
    cluster.put(
      policyReport('payments', 'payments-api', [
        {
          policy: 'require-run-as-nonroot',
          rule: 'run-as-non-root',
          result: 'fail',
          severity: 'high',
          message: 'Running as root is not allowed.',
        },
      ]),
    );
    const { status, body } = await list(
      '/apis/wgpolicyk8s.io/v1alpha2/namespaces/payments/policyreports',
    );
    expect(status).toBe(200);
    expect(body.items).toHaveLength(1);
    expect(crds.validate(body.items[0])).toEqual({ valid: true, errors: [] });
    const bad = structuredClone(body.items[0]);
    bad.results[0].result = 'failed';
    expect(crds.validate(bad).valid).toBe(false);
  });

  it('answers 404 for a resource that is not installed, 500 when failing and 401 without the token', async () => {
    const path =
      '/apis/aquasecurity.github.io/v1alpha1/namespaces/payments/vulnerabilityreports';
    cluster.setInstalled('vulnerabilityreports.aquasecurity.github.io', false);
    expect((await list(path)).status).toBe(404);
    cluster.setInstalled('vulnerabilityreports.aquasecurity.github.io', true);
    cluster.setFailing(true);
    expect((await list(path)).body).toMatchObject({
      kind: 'Status',
      code: 500,
    });
    cluster.setFailing(false);
    expect((await list(path, 'wrong')).status).toBe(401);
    expect((await list(path)).status).toBe(200);
  });
});
