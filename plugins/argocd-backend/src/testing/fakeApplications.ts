import { createHash } from 'node:crypto';
import { TEAM_LABEL, teamProjectName } from '@internal/plugin-portico-node';

/*
 * Argo CD Application objects shaped like the real API (v1alpha1Application), generated
 * deterministically for the fake server, tests and the benchmark.
 */

/** What a test says about one application; everything else is derived. */
export interface FakeAppSpec {
  name: string;
  /** Namespace of the Application object (default `argocd`). */
  namespace?: string;
  labels?: Record<string, string>;
  /**
   * The owning team, as the platform's GitOps commit writes it: label `portico.io/team=<team>`
   * and project `team-<team>` (unless `labels` / `project` say otherwise).
   */
  team?: string;
  /** Argo CD project (default: the team's project, else `default`). */
  project?: string;
  syncStatus?: 'Synced' | 'OutOfSync' | 'Unknown';
  healthStatus?:
    | 'Healthy'
    | 'Progressing'
    | 'Degraded'
    | 'Suspended'
    | 'Missing'
    | 'Unknown';
  /** Number of history entries Argo CD keeps (default 3). */
  historyLength?: number;
  /** A Helm chart source instead of a Git path. */
  chart?: string;
  /** Helm values and parameters of the chart source (a real Application may hold secrets there). */
  helm?: {
    values?: string;
    parameters?: Array<{ name: string; value: string }>;
  };
  /** An operation in progress. */
  operationRunning?: boolean;
}

export type FakeApplication = Record<string, any>;

export function fakeRevision(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

const EPOCH = Date.parse('2026-11-01T00:00:00Z');

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function makeFakeApplication(spec: FakeAppSpec): FakeApplication {
  const namespace = spec.namespace ?? 'argocd';
  const historyLength = spec.historyLength ?? 3;
  const syncStatus = spec.syncStatus ?? 'Synced';
  const healthStatus = spec.healthStatus ?? 'Healthy';
  const source = spec.chart
    ? {
        repoURL: 'https://charts.example.com',
        chart: spec.chart,
        targetRevision: '1.2.3',
        ...(spec.helm ? { helm: spec.helm } : {}),
      }
    : {
        repoURL: `https://git.example.com/platform/${spec.name}.git`,
        path: 'deploy/overlays/prod',
        targetRevision: 'HEAD',
      };
  const destination = {
    server: 'https://kubernetes.default.svc',
    namespace: spec.name,
  };
  const history = Array.from({ length: historyLength }, (_, i) => {
    const deployedAt = EPOCH + (i + 1) * 3_600_000;
    return {
      id: i,
      revision: fakeRevision(`${namespace}/${spec.name}#${i}`),
      deployStartedAt: iso(deployedAt - 30_000),
      deployedAt: iso(deployedAt),
      source,
      initiatedBy: { automated: true },
    };
  });
  const deployed =
    history[history.length - 1]?.revision ?? fakeRevision(`${spec.name}#none`);
  const target =
    syncStatus === 'OutOfSync'
      ? fakeRevision(`${namespace}/${spec.name}#next`)
      : deployed;
  const lastFinished = EPOCH + historyLength * 3_600_000;
  const resources = [
    { version: 'v1', kind: 'Service', namespace: spec.name, name: spec.name },
    {
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
      namespace: spec.name,
      name: spec.name,
    },
    {
      version: 'v1',
      kind: 'ConfigMap',
      namespace: spec.name,
      name: `${spec.name}-config`,
    },
  ].map(r => ({
    ...r,
    status:
      syncStatus === 'OutOfSync' && r.kind === 'Deployment'
        ? 'OutOfSync'
        : 'Synced',
    health:
      r.kind === 'ConfigMap'
        ? undefined
        : { status: r.kind === 'Deployment' ? healthStatus : 'Healthy' },
  }));
  for (const r of resources) if (!r.health) delete (r as any).health;
  const operationState = spec.operationRunning
    ? {
        operation: {
          sync: { revision: target },
          initiatedBy: { username: 'admin' },
        },
        phase: 'Running',
        message: 'one or more tasks are running',
        startedAt: iso(lastFinished + 60_000),
      }
    : {
        operation: {
          sync: { revision: deployed },
          initiatedBy: { automated: true },
        },
        phase: 'Succeeded',
        message: 'successfully synced (all tasks run)',
        startedAt: iso(lastFinished - 30_000),
        finishedAt: iso(lastFinished),
        syncResult: { revision: deployed, source },
      };
  return {
    metadata: {
      name: spec.name,
      namespace,
      uid: fakeRevision(`uid:${namespace}/${spec.name}`).slice(0, 32),
      resourceVersion: '1',
      generation: 1,
      creationTimestamp: iso(EPOCH),
      labels: {
        ...(spec.team ? { [TEAM_LABEL]: spec.team } : {}),
        ...spec.labels,
      },
    },
    spec: {
      project:
        spec.project ?? (spec.team ? teamProjectName(spec.team) : 'default'),
      source,
      destination,
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    },
    status: {
      sync: {
        status: syncStatus,
        revision: target,
        comparedTo: { source, destination },
      },
      health: { status: healthStatus },
      history,
      operationState,
      reconciledAt: iso(lastFinished + 120_000),
      sourceType: spec.chart ? 'Helm' : 'Kustomize',
      resources,
      summary: {
        images: [`registry.example.com/${spec.name}:1.0.${historyLength}`],
      },
    },
  };
}
