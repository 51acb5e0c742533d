/** Where a provisioning run is. `queued` and `delivering` are the portal's; the rest come from the workflow. */
export type RunStatus =
  | 'queued'
  | 'delivering'
  | 'running'
  | 'succeeded'
  | 'failed';

/** Statuses after which a run never changes again. */
export const FINAL_RUN_STATUSES: ReadonlyArray<RunStatus> = [
  'succeeded',
  'failed',
];

/** Every run status, in lifecycle order. */
export const RUN_STATUSES: ReadonlyArray<RunStatus> = [
  'queued',
  'delivering',
  'running',
  'succeeded',
  'failed',
];

/** Whether a run in `status` has ended (it never changes again). */
export function isFinalRunStatus(status: RunStatus): boolean {
  return FINAL_RUN_STATUSES.includes(status);
}

/** Statuses of a run that has not ended yet (queued, delivering, running). */
export const ACTIVE_RUN_STATUSES: ReadonlyArray<RunStatus> =
  RUN_STATUSES.filter(status => !isFinalRunStatus(status));

/** What a workflow step reports. */
export type StepStatus = 'running' | 'succeeded' | 'failed';

/** A link to something a step created (a namespace, a dashboard, a repository, ...). */
export interface RunResource {
  title: string;
  url: string;
}

/** One progress report of the workflow, as stored. */
export interface RunEvent {
  /** Order of arrival within the run, from 1. */
  seq: number;
  /** The workflow's own id for the report (replays of the same id are refused). */
  eventId: string;
  step: string;
  status: StepStatus;
  message?: string;
  resources: RunResource[];
  /** Whether the workflow said the run ends with this report. */
  final: boolean;
  receivedAt: string;
}

/** Delivery of the run to the Argo Events webhook. */
export interface RunDelivery {
  attempts: number;
  deliveredAt?: string;
  nextAttemptAt?: string;
  lastError?: string;
}

/** A provisioning run as the API returns it (never with the callback token or secret parameters). */
export interface ProvisioningRun {
  id: string;
  template: string;
  entityRef: string;
  /** The entity's owner (the team) when the run was created. */
  owner?: string;
  /** The user the run was triggered by (or on behalf of). */
  userRef: string;
  parameters: Record<string, unknown>;
  status: RunStatus;
  failureReason?: string;
  createdAt: string;
  updatedAt: string;
  delivery: RunDelivery;
}

/** A run with its timeline. */
export interface ProvisioningRunDetail extends ProvisioningRun {
  events: RunEvent[];
}

/** A page of runs, newest first. */
export interface RunListPage {
  items: ProvisioningRun[];
  /** Pass as `cursor` to get the next page; absent on the last page. */
  nextCursor?: string;
}

/** Filters of `GET /runs`. */
export interface RunListQuery {
  entityRef?: string;
  owner?: string;
  status?: RunStatus;
  limit?: number;
  cursor?: string;
}

/** Largest page of `GET /runs`. */
export const RUN_PAGE_SIZE_MAX = 100;
/** Default page of `GET /runs`. */
export const RUN_PAGE_SIZE_DEFAULT = 25;
