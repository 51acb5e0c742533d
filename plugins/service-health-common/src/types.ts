import type { ClusterBatchItem } from './cluster';
/*
 * The service-health API's answers (plugin id `service-health`), as the backend sends them and the
 * frontend reads them. Everything comes from the plugin's database, written by the scheduled
 * source reader; a request never reaches GitHub.
 */

/** Why an entity has no GitHub data, in words a card can show calmly. */
export type NoDataReason =
  /** The entity has no `github.com/project-slug` annotation. */
  | 'no-annotation'
  /** The annotation names an organization the platform does not read (serviceHealth.github.organizations). */
  | 'not-read'
  /** The plugin has no GitHub source configured. */
  | 'not-configured'
  /** Configured and annotated, but the reader has not read the repository yet. */
  | 'not-read-yet';

/** A workflow run's state, reduced to what a status chip shows. */
export type CiState =
  | 'success'
  | 'failure'
  | 'running'
  | 'queued'
  | 'cancelled'
  | 'skipped'
  | 'neutral';

/** Where a failed run failed: its first failed job and, when GitHub reports it, the step. */
export interface RunFailure {
  job: string;
  step?: string;
  /** The job's page on GitHub, which shows its log. */
  logUrl: string;
}

export interface WorkflowRun {
  id: number;
  /** The workflow's name (e.g. `ci`). */
  name: string;
  runNumber: number;
  event: string;
  branch?: string;
  headSha: string;
  /** The head commit's first message line. */
  title: string;
  state: CiState;
  /** GitHub's own status and conclusion, as sent. */
  status?: string;
  conclusion?: string;
  startedAt: string;
  updatedAt: string;
  /** From start to last update, for finished runs. */
  durationSeconds?: number;
  url: string;
  failure?: RunFailure;
}

export interface CommitSummary {
  sha: string;
  author: string;
  /** The first line of the message. */
  message: string;
  time: string;
  url: string;
  /** The state of the newest run on this commit, when there is one. */
  ci?: { state: CiState; runId: number; url: string };
}

/** Open code-scanning alerts per severity (security severity where the tool gives one). */
export interface AlertCounts {
  critical: number;
  high: number;
  medium: number;
  low: number;
  /** Alerts of tools without a security severity (SARIF levels error, warning, note). */
  other: number;
  total: number;
}

/** One open code-scanning alert; only the entity's owners and admins get these. */
export interface CodeScanningAlert {
  number: number;
  rule: string;
  description: string;
  severity: string;
  tool: string;
  path?: string;
  line?: number;
  url: string;
  createdAt: string;
}

export interface CodeScanning {
  counts: AlertCounts;
  /** Present only for the entity's owners and admins; others see the counts. */
  alerts?: CodeScanningAlert[];
  /** Why code scanning has nothing (e.g. not enabled on the repository). */
  unavailable?: string;
}

export interface RepositoryData {
  slug: string;
  url: string;
  defaultBranch: string;
  commits: CommitSummary[];
  runs: WorkflowRun[];
  codeScanning: CodeScanning;
  /** When the reader last read the repository successfully. */
  fetchedAt: string;
  /** The last read's error, when it failed after an earlier success. */
  lastError?: string;
}

/** GET /entities/:kind/:namespace/:name/code */
export type CodeResponse =
  | {
      state: 'ok';
      entityRef: string;
      data: RepositoryData;
      canSeeAlerts: boolean;
    }
  | {
      state: 'no-data';
      entityRef: string;
      reason: NoDataReason;
      slug?: string;
      error?: string;
    };

/** One row of POST /batch: the catalog list's CI and code-scanning columns. */
export type BatchItem =
  | {
      state: 'ok';
      slug: string;
      /** The newest run on the default branch. */
      ci?: { state: CiState; url: string; headSha: string; updatedAt: string };
      alerts: AlertCounts;
    }
  | { state: 'no-data'; reason: NoDataReason | 'no-entity' };

/** POST /batch answer: one item per requested ref, keyed by the ref as sent. */
export interface BatchResponse {
  items: Record<string, BatchItem>;
  /** The cluster source's counts and score per requested ref (absent when the backend has none). */
  cluster?: Record<string, ClusterBatchItem>;
}
