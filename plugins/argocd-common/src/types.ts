/*
 * Portico's own Argo CD API (plugin id `argocd`, mounted at /api/argocd).
 *
 *   GET  /config                                          -> ArgoConfigResponse
 *   POST /status              body StatusRequest          -> StatusResponse (batched, for lists)
 *   GET  /entities/:kind/:namespace/:name                 -> EntityArgoDetail (entity page)
 *   POST /entities/:kind/:namespace/:name/applications/:instance/:app/sync     body ApplicationActionRequest -> ApplicationActionResponse
 *   POST /entities/:kind/:namespace/:name/applications/:instance/:app/refresh  body ApplicationActionRequest -> ApplicationActionResponse
 *
 * Sync and refresh act on ONE named application, and only on one the platform ties to the
 * entity's owning team: its `portico.io/team` label is the team and its project is the team's
 * AppProject (`team-<team>`). Anything else is 403 naming the application and why.
 *
 * Every read is answered from the backend's cached view of each instance; nothing here makes the
 * backend call Argo CD per viewer (except sync / refresh, which are actions).
 * Times are ISO 8601 strings. Errors use Backstage's standard error body
 * `{ error: { name, message }, response: { statusCode } }`.
 */

/** How fresh the backend's view of one Argo CD instance is. */
export type ArgoInstanceStatus =
  /** The last refresh succeeded. */
  | 'ok'
  /** The last refresh failed; data shown is the last good snapshot (see fetchedAt / ageSeconds / error). */
  | 'stale'
  /** Never fetched successfully; there is no data from this instance. */
  | 'error'
  /** The entity names an instance (argocd/instance-name) that is not in the config. */
  | 'not-configured';

export interface ArgoInstanceState {
  name: string;
  status: ArgoInstanceStatus;
  /** When the data in use was fetched from Argo CD (absent if never). */
  fetchedAt?: string;
  /** Age of that data in whole seconds at the time of the response (absent if never fetched). */
  ageSeconds?: number;
  /** Why the last refresh failed (no secrets, no upstream bodies beyond Argo CD's message). */
  error?: string;
}

/** Argo CD's sync status values (`status.sync.status`). */
export type ArgoSyncStatus = 'Synced' | 'OutOfSync' | 'Unknown';
/** Argo CD's health status values (`status.health.status`). */
export type ArgoHealthStatus =
  | 'Healthy'
  | 'Progressing'
  | 'Degraded'
  | 'Suspended'
  | 'Missing'
  | 'Unknown';
/** Argo CD operation phases (`status.operationState.phase`). */
export type ArgoOperationPhase =
  | 'Running'
  | 'Terminating'
  | 'Failed'
  | 'Error'
  | 'Succeeded';

/** One application at a glance (catalog list, overview card). */
export interface ArgoApplicationSummary {
  /** Configured instance name. */
  instance: string;
  /** Application name (`metadata.name`). */
  name: string;
  /** Namespace of the Application object (`metadata.namespace`, e.g. `argocd`). */
  appNamespace: string;
  syncStatus: ArgoSyncStatus;
  healthStatus: ArgoHealthStatus;
  /**
   * True when the revision Argo CD last synced equals the revision the Git target currently
   * resolves to (`status.sync.revision`). False when a newer commit is waiting.
   */
  revisionInSync: boolean;
  /** Phase of the current/last operation, if any. */
  operationPhase?: ArgoOperationPhase;
  /** When the last successful rollout finished (newest history entry's deployedAt). */
  lastDeployedAt?: string;
  /** Link into this instance's Argo CD UI: `<uiUrl>/applications/<appNamespace>/<name>`. */
  uiUrl: string;
}

/** Aggregated status of one entity, for the list. */
export interface EntityArgoStatus {
  entityRef: string;
  /**
   * `ok`: applications found; `no-annotation`: the entity has no argocd annotation;
   * `not-found`: annotated but no matching application on any reachable instance;
   * `entity-not-found`: no such entity in the catalog (or not visible to the caller).
   */
  state: 'ok' | 'no-annotation' | 'not-found' | 'entity-not-found';
  /** Worst sync status over the applications (OutOfSync > Unknown > Synced); absent when none. */
  syncStatus?: ArgoSyncStatus;
  /** Worst health over the applications (Degraded > Missing > Unknown > Progressing > Suspended > Healthy). */
  healthStatus?: ArgoHealthStatus;
  applications: ArgoApplicationSummary[];
  /** Names of instances whose data for this entity is stale or errored (look them up in `instances`). */
  degradedInstances: string[];
}

export interface StatusResponse {
  /** Keyed by the entity ref exactly as sent. */
  items: Record<string, EntityArgoStatus>;
  /** State of every configured instance. */
  instances: ArgoInstanceState[];
}

/** The sync or hard-refresh operation currently running (or last run). */
export interface ArgoOperation {
  phase: ArgoOperationPhase;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
  /** Revision the operation syncs to. */
  revision?: string;
  /** Who started it (`operation.initiatedBy.username`, or `automated`). */
  initiatedBy?: string;
}

/** One deployment in the application's history, newest first, ALL entries Argo CD keeps. */
export interface ArgoHistoryEntry {
  /** Argo CD's history id. */
  id: number;
  revision: string;
  deployedAt: string;
  deployStartedAt?: string;
  /** Commit metadata (cached per instance+app+revision; absent while unavailable). */
  author?: string;
  message?: string;
  /** Commit date. */
  date?: string;
  /** `ok` when commit metadata is present; `unavailable` when Argo CD could not give it. */
  metadata: 'ok' | 'unavailable';
}

/** One resource managed by the application. */
export interface ArgoResource {
  group?: string;
  version?: string;
  kind: string;
  namespace?: string;
  name: string;
  /** Resource sync status (`Synced` / `OutOfSync`). */
  syncStatus?: string;
  healthStatus?: ArgoHealthStatus;
  healthMessage?: string;
}

/** Everything the entity page shows for one application. */
export interface ArgoApplicationDetail extends ArgoApplicationSummary {
  project?: string;
  repoUrl?: string;
  path?: string;
  chart?: string;
  /** The Git target (`spec.source.targetRevision`, e.g. `HEAD`, `main`, a tag). */
  targetRevision?: string;
  /** The commit the target resolves to now (`status.sync.revision`). */
  targetCommit?: string;
  /** The commit currently deployed (newest history entry's revision). */
  deployedRevision?: string;
  destination: { server?: string; name?: string; namespace?: string };
  healthMessage?: string;
  /** Current or last operation; absent if Argo CD reports none. */
  operation?: ArgoOperation;
  /** All history entries, newest first. */
  history: ArgoHistoryEntry[];
  /** Resources with health; `resourcesFetchedAt` says how fresh this list is. */
  resources: ArgoResource[];
  resourcesFetchedAt?: string;
  /**
   * Whether sync and refresh may act on this application at all: the platform ties it to the
   * entity's owning team (`portico.io/team` label and the team's AppProject). The caller also
   * needs the entity's permission (`EntityArgoDetail.actions`).
   */
  actionable?: ArgoActionPermission;
}

/** Whether the caller may run an action, and if not, why. */
export interface ArgoActionPermission {
  allowed: boolean;
  /** Why not (e.g. "Only the owners of component:default/foo (group:default/team-a) or admins may sync"). */
  reason?: string;
}

/** GET /entities/:kind/:namespace/:name */
export interface EntityArgoDetail {
  entityRef: string;
  state: EntityArgoStatus['state'];
  /** The annotations used for the lookup (empty object when none). */
  annotations: {
    appName?: string;
    appSelector?: string;
    instanceName?: string;
    appNamespace?: string;
  };
  applications: ArgoApplicationDetail[];
  /** Instances relevant to this entity (all configured ones unless argocd/instance-name narrows it). */
  instances: ArgoInstanceState[];
  actions: { sync: ArgoActionPermission; refresh: ArgoActionPermission };
}

/** One application, as actions name it. */
export interface ArgoApplicationRef {
  instance: string;
  name: string;
  /** Namespace of the Application object; needed only when the name is not unique on the instance. */
  appNamespace?: string;
}

export interface ApplicationActionResult {
  instance: string;
  name: string;
  appNamespace: string;
  /** For sync: the operation phase Argo CD reported; for refresh: the app's sync status after refresh. */
  detail?: string;
}

export interface ApplicationActionResponse {
  action: 'sync' | 'refresh';
  entityRef: string;
  result: ApplicationActionResult;
}

/** GET /config */
export interface ArgoConfigResponse {
  /** False when `argocd.instances` is empty or absent: the UI says "Argo CD is not connected to this portal". */
  configured: boolean;
  instances: Array<{ name: string; uiUrl: string }>;
}
