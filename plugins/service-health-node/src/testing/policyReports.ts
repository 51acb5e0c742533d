/*
 * PolicyReports as Kyverno (wgpolicyk8s.io/v1alpha2), the working group's reference CRD
 * (v1beta1, top-level source) and OpenReports (openreports.io/v1alpha1 Report) write them for the
 * payments namespace. Validated against the CRDs in specs/policy-reports by the tests.
 */
const ts = { seconds: 1796774400, nanos: 0 };
const deployment = (name: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  namespace: 'payments',
  name,
  uid: '0e3a6f3c-8b1f-4e0a-9a58-4e6f3b5d2c10',
});

export const kyvernoPolicyReport = {
  apiVersion: 'wgpolicyk8s.io/v1alpha2',
  kind: 'PolicyReport',
  metadata: {
    name: '0e3a6f3c-8b1f-4e0a-9a58-4e6f3b5d2c10',
    namespace: 'payments',
    labels: { 'app.kubernetes.io/managed-by': 'kyverno' },
  },
  scope: deployment('payments'),
  summary: { pass: 1, fail: 1, warn: 0, error: 0, skip: 1 },
  results: [
    {
      policy: 'disallow-privilege-escalation',
      rule: 'privilege-escalation',
      category: 'Pod Security Standards (Restricted)',
      severity: 'medium',
      result: 'pass',
      scored: true,
      source: 'kyverno',
      message: 'validation rule passed',
      timestamp: ts,
    },
    {
      policy: 'require-run-as-nonroot',
      rule: 'run-as-non-root',
      category: 'Pod Security Standards (Restricted)',
      severity: 'high',
      result: 'fail',
      scored: true,
      source: 'kyverno',
      message: 'Running as root is not allowed. Set runAsNonRoot to true.',
      timestamp: ts,
    },
    {
      policy: 'restrict-image-registries',
      rule: 'validate-registries',
      severity: 'low',
      result: 'skip',
      source: 'kyverno',
      timestamp: ts,
    },
  ],
};

export const referencePolicyReport = {
  apiVersion: 'wgpolicyk8s.io/v1beta1',
  kind: 'PolicyReport',
  metadata: { name: 'trivy-config-audit', namespace: 'payments' },
  source: 'trivy',
  summary: { pass: 0, fail: 0, warn: 1, error: 0, skip: 0 },
  results: [
    {
      policy: 'KSV-0011',
      rule: 'cpu-limit',
      severity: 'low',
      result: 'warn',
      scored: false,
      message: "Container 'payments' should set resources.limits.cpu",
      resources: [deployment('payments'), deployment('payments-worker')],
      timestamp: ts,
    },
  ],
};

export const openReport = {
  apiVersion: 'openreports.io/v1alpha1',
  kind: 'Report',
  metadata: { name: 'payments-network', namespace: 'payments' },
  source: 'kyverno',
  scope: deployment('payments'),
  summary: { pass: 1, fail: 0, warn: 0, error: 1, skip: 0 },
  results: [
    {
      policy: 'require-run-as-nonroot',
      rule: 'run-as-non-root',
      severity: 'high',
      result: 'pass',
      timestamp: ts,
    },
    {
      policy: 'require-network-policy',
      rule: 'check-network-policy',
      severity: 'critical',
      result: 'error',
      message: 'failed to load context: NetworkPolicy lookup timed out',
      timestamp: ts,
    },
  ],
};
