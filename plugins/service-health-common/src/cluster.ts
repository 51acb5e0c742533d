/*
 * What the service-health backend reads from the cluster about a service's running workloads:
 * trivy-operator's VulnerabilityReports (CVEs in the running images). Read with the portal's
 * service account, only in the namespaces the platform gives the entity's owning team.
 */

/** trivy's severities, worst first. */
export const VULNERABILITY_SEVERITIES = [
  'CRITICAL',
  'HIGH',
  'MEDIUM',
  'LOW',
  'UNKNOWN',
] as const;

export type VulnerabilitySeverity = (typeof VULNERABILITY_SEVERITIES)[number];

/** Counts per severity. */
export type SeverityCounts = Record<VulnerabilitySeverity, number>;

/** One CVE (or GHSA, ...) in one package of one image, with its remediation path. */
export interface ImageVulnerability {
  id: string;
  severity: VulnerabilitySeverity;
  /** The package (trivy's `resource`), e.g. `openssl` or `golang.org/x/net`. */
  packageName: string;
  installedVersion: string;
  /** Versions that fix it (comma-separated as trivy reports them); absent: no fix yet. */
  fixedVersion?: string;
  title: string;
  /** The advisory (trivy's primaryLink). */
  link?: string;
  score?: number;
}

/** The findings of one running image (one container of one workload). */
export interface ImageFindings {
  namespace: string;
  /** The workload that runs it (the Deployment above a scanned ReplicaSet, or the StatefulSet ...). */
  workload: { kind: string; name: string };
  container: string;
  /** registry/repository:tag (and @digest when known). */
  image: string;
  counts: SeverityCounts;
  /** Worst first; each CVE once per package. */
  vulnerabilities: ImageVulnerability[];
  scannedAt: string;
}

/** Why a service has no vulnerability data. */
export type ClusterNoDataReason =
  /** The backend reads no cluster (serviceHealth.cluster is not configured). */
  | 'not-configured'
  /** The entity's owning team has no namespace on the cluster, or none the entity points at. */
  | 'no-namespace'
  /** No workload of the service runs in its namespaces. */
  | 'no-workload'
  /** Workloads run, but trivy-operator has not reported on them (or is not installed). */
  | 'not-scanned'
  /** Configured, but the reader has not read this entity yet. */
  | 'not-read-yet';

/** Everyone's view of a service's vulnerabilities: counts per severity and how many are fixable. */
export interface VulnerabilitySummary {
  counts: SeverityCounts;
  /** Vulnerabilities that have a fixed version. */
  fixable: number;
  images: number;
  readAt: string;
}

/** `GET /entities/:kind/:namespace/:name/vulnerabilities`. */
export interface EntityVulnerabilities {
  entityRef: string;
  state: 'ok' | 'no-data';
  reason?: ClusterNoDataReason;
  summary?: VulnerabilitySummary;
  /**
   * Each image's CVEs with the remediation path: only for the owning team, platform admins and
   * auditors (a list of exploitable CVEs of a running service is not for everyone); others get
   * the summary and `detailsHidden: true`.
   */
  images?: ImageFindings[];
  detailsHidden?: boolean;
  /** The last read failed; the data shown is from the read before (or none). */
  error?: string;
}

/** Zero of every severity. */
export function emptySeverityCounts(): SeverityCounts {
  return { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0 };
}

/** One policy check of a service, as service-health-node's checks and PolicyReports answer. */
export interface ComplianceCheck {
  id: string;
  title: string;
  severity: 'critical' | 'high' | 'medium' | 'low' | 'info';
  result: 'pass' | 'fail' | 'not-applicable';
  source: string;
  /** The objects it failed on (owners, admins and auditors only). */
  failures: Array<{
    kind: string;
    namespace?: string;
    name: string;
    container?: string;
    message: string;
  }>;
  howToFix: string;
  scored: boolean;
}

/** A service's policy compliance: the score (0-100; absent when nothing applies) and its checks. */
export interface ServiceCompliance {
  score?: number;
  checks: ComplianceCheck[];
}

/** `GET /entities/:kind/:namespace/:name/compliance`. */
export interface EntityCompliance {
  entityRef: string;
  state: 'ok' | 'no-data';
  reason?: ClusterNoDataReason;
  score?: number;
  /**
   * Every check with its result and how to fix it, for everyone; the objects each failed on only
   * for the owning team, admins and auditors (others get `failures: []` and `detailsHidden`).
   */
  checks?: ComplianceCheck[];
  detailsHidden?: boolean;
  readAt?: string;
  error?: string;
}

/** One row of `POST /batch`'s `cluster` part: the catalog list's Vulnerabilities and Score columns. */
export type ClusterBatchItem =
  | {
      state: 'ok';
      counts: SeverityCounts;
      fixable: number;
      /** Policy compliance score (0-100), when a check applies. */
      score?: number;
    }
  | { state: 'no-data'; reason: ClusterNoDataReason | 'no-entity' };
