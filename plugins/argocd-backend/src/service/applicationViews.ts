import type {
  ArgoApplicationDetail,
  ArgoApplicationSummary,
  ArgoHealthStatus,
  ArgoOperationPhase,
  ArgoSyncStatus,
} from '@internal/plugin-argocd-common';
import type { ArgoApplication } from '../upstream/ArgoCdClient';

const SYNC: ArgoSyncStatus[] = ['Synced', 'OutOfSync', 'Unknown'];
const HEALTH: ArgoHealthStatus[] = [
  'Healthy',
  'Progressing',
  'Degraded',
  'Suspended',
  'Missing',
  'Unknown',
];
const PHASES: ArgoOperationPhase[] = [
  'Running',
  'Terminating',
  'Failed',
  'Error',
  'Succeeded',
];

/** Worst first. */
const SYNC_RANK: ArgoSyncStatus[] = ['OutOfSync', 'Unknown', 'Synced'];
const HEALTH_RANK: ArgoHealthStatus[] = [
  'Degraded',
  'Missing',
  'Unknown',
  'Progressing',
  'Suspended',
  'Healthy',
];

function oneOf<T extends string>(values: T[], value: unknown, fallback: T): T {
  return values.includes(value as T) ? (value as T) : fallback;
}

export function syncStatusOf(app: ArgoApplication): ArgoSyncStatus {
  return oneOf(SYNC, app.status?.sync?.status, 'Unknown');
}

export function healthStatusOf(app: ArgoApplication): ArgoHealthStatus {
  return oneOf(HEALTH, app.status?.health?.status, 'Unknown');
}

export function worstSync(
  values: ArgoSyncStatus[],
): ArgoSyncStatus | undefined {
  return SYNC_RANK.find(s => values.includes(s));
}

export function worstHealth(
  values: ArgoHealthStatus[],
): ArgoHealthStatus | undefined {
  return HEALTH_RANK.find(s => values.includes(s));
}

/** Argo CD UI link: `<uiUrl>/applications/<appNamespace>/<name>`. */
function applicationUiUrl(uiUrl: string, app: ArgoApplication): string {
  return `${uiUrl}/applications/${encodeURIComponent(
    app.metadata.namespace,
  )}/${encodeURIComponent(app.metadata.name)}`;
}

function history(app: ArgoApplication): any[] {
  return Array.isArray(app.status?.history) ? app.status.history : [];
}

function deployedRevision(app: ArgoApplication): string | undefined {
  const last = history(app).at(-1);
  return last?.revision ?? last?.revisions?.[0];
}

export function toSummary(
  instance: { name: string; uiUrl: string },
  app: ArgoApplication,
): ArgoApplicationSummary {
  const target = app.status?.sync?.revision ?? app.status?.sync?.revisions?.[0];
  const deployed = deployedRevision(app);
  const phase = app.status?.operationState?.phase;
  const lastDeployedAt = history(app).at(-1)?.deployedAt;
  return {
    instance: instance.name,
    name: app.metadata.name,
    appNamespace: app.metadata.namespace,
    syncStatus: syncStatusOf(app),
    healthStatus: healthStatusOf(app),
    revisionInSync: Boolean(target && deployed && target === deployed),
    ...(PHASES.includes(phase) ? { operationPhase: phase } : {}),
    ...(typeof lastDeployedAt === 'string' ? { lastDeployedAt } : {}),
    uiUrl: applicationUiUrl(instance.uiUrl, app),
  };
}

export interface HistoryMetadata {
  author?: string;
  date?: string;
  message?: string;
}

/** Full detail; `metadata` holds commit metadata per history revision (absent = unavailable). */
export function toDetail(
  instance: { name: string; uiUrl: string },
  app: ArgoApplication,
  metadata: Map<string, HistoryMetadata | undefined>,
): ArgoApplicationDetail {
  const source = app.spec?.source ?? app.spec?.sources?.[0] ?? {};
  const op = app.status?.operationState;
  const initiator = op?.operation?.initiatedBy;
  const entries = [...history(app)].reverse().map(h => {
    const revision: string = h.revision ?? h.revisions?.[0] ?? '';
    const meta = metadata.get(revision);
    return {
      id: Number(h.id ?? 0),
      revision,
      deployedAt: h.deployedAt,
      ...(h.deployStartedAt ? { deployStartedAt: h.deployStartedAt } : {}),
      ...(meta?.author ? { author: meta.author } : {}),
      ...(meta?.message ? { message: meta.message } : {}),
      ...(meta?.date ? { date: meta.date } : {}),
      metadata: meta ? ('ok' as const) : ('unavailable' as const),
    };
  });
  const resources = (
    Array.isArray(app.status?.resources) ? app.status.resources : []
  ).map((r: any) => ({
    ...(r.group ? { group: r.group } : {}),
    ...(r.version ? { version: r.version } : {}),
    kind: String(r.kind ?? ''),
    ...(r.namespace ? { namespace: r.namespace } : {}),
    name: String(r.name ?? ''),
    ...(r.status ? { syncStatus: r.status } : {}),
    ...(r.health?.status
      ? { healthStatus: oneOf(HEALTH, r.health.status, 'Unknown') }
      : {}),
    ...(r.health?.message ? { healthMessage: r.health.message } : {}),
  }));
  return {
    ...toSummary(instance, app),
    ...(app.spec?.project ? { project: app.spec.project } : {}),
    ...(source.repoURL ? { repoUrl: source.repoURL } : {}),
    ...(source.path ? { path: source.path } : {}),
    ...(source.chart ? { chart: source.chart } : {}),
    ...(source.targetRevision ? { targetRevision: source.targetRevision } : {}),
    ...(app.status?.sync?.revision
      ? { targetCommit: app.status.sync.revision }
      : {}),
    ...(deployedRevision(app)
      ? { deployedRevision: deployedRevision(app) }
      : {}),
    destination: {
      ...(app.spec?.destination?.server
        ? { server: app.spec.destination.server }
        : {}),
      ...(app.spec?.destination?.name
        ? { name: app.spec.destination.name }
        : {}),
      ...(app.spec?.destination?.namespace
        ? { namespace: app.spec.destination.namespace }
        : {}),
    },
    ...(app.status?.health?.message
      ? { healthMessage: app.status.health.message }
      : {}),
    ...(op && PHASES.includes(op.phase)
      ? {
          operation: {
            phase: op.phase,
            ...(op.message ? { message: op.message } : {}),
            ...(op.startedAt ? { startedAt: op.startedAt } : {}),
            ...(op.finishedAt ? { finishedAt: op.finishedAt } : {}),
            ...(op.operation?.sync?.revision || op.syncResult?.revision
              ? {
                  revision:
                    op.syncResult?.revision ?? op.operation.sync.revision,
                }
              : {}),
            ...(initiator
              ? {
                  initiatedBy:
                    initiator.username ??
                    (initiator.automated ? 'automated' : undefined),
                }
              : {}),
          },
        }
      : {}),
    history: entries,
    resources,
  };
}
