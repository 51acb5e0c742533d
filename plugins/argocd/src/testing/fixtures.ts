import type {
  ApplicationActionResponse,
  ArgoApplicationDetail,
  ArgoApplicationSummary,
  EntityArgoDetail,
  EntityArgoStatus,
} from '@internal/plugin-argocd-common';

/** One healthy, synced application on instance `prod`, as a status lists it. */
export function makeApplicationSummary(
  name = 'payments-api',
): ArgoApplicationSummary {
  return {
    instance: 'prod',
    name,
    appNamespace: 'argocd',
    syncStatus: 'Synced',
    healthStatus: 'Healthy',
    revisionInSync: true,
    operationPhase: 'Succeeded',
    lastDeployedAt: '2026-01-01T10:00:00Z',
    uiUrl: `https://argocd.prod.example/applications/argocd/${name}`,
  };
}

/** A healthy, synced entity status with one application on instance `prod`. */
export function makeEntityStatus(
  entityRef: string,
  overrides: Partial<EntityArgoStatus> = {},
): EntityArgoStatus {
  const name = entityRef.split('/').pop()!;
  return {
    entityRef,
    state: 'ok',
    syncStatus: 'Synced',
    healthStatus: 'Healthy',
    applications: [makeApplicationSummary(name)],
    degradedInstances: [],
    ...overrides,
  };
}

/** One application as the entity page gets it, with two history entries and two resources. */
export function makeApplicationDetail(
  overrides: Partial<ArgoApplicationDetail> = {},
): ArgoApplicationDetail {
  return {
    ...makeApplicationSummary(),
    project: 'payments',
    repoUrl: 'https://git.example/payments/deploy.git',
    path: 'apps/payments-api',
    targetRevision: 'main',
    targetCommit: '8f3c2a1d9e7b6c5a4f3e2d1c0b9a8f7e6d5c4b3a',
    deployedRevision: '8f3c2a1d9e7b6c5a4f3e2d1c0b9a8f7e6d5c4b3a',
    destination: {
      server: 'https://kubernetes.default.svc',
      namespace: 'payments',
    },
    operation: {
      phase: 'Succeeded',
      message: 'successfully synced (all tasks run)',
      startedAt: '2026-01-01T09:59:00Z',
      finishedAt: '2026-01-01T10:00:00Z',
      revision: '8f3c2a1d9e7b6c5a4f3e2d1c0b9a8f7e6d5c4b3a',
      initiatedBy: 'automated',
    },
    history: [
      {
        id: 2,
        revision: '8f3c2a1d9e7b6c5a4f3e2d1c0b9a8f7e6d5c4b3a',
        deployedAt: '2026-01-01T10:00:00Z',
        author: 'Ada Lovelace <ada@example.com>',
        message: 'Raise the refund limit',
        date: '2026-01-01T09:50:00Z',
        metadata: 'ok',
      },
      {
        id: 1,
        revision: '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b',
        deployedAt: '2025-12-30T08:00:00Z',
        metadata: 'unavailable',
      },
    ],
    resources: [
      {
        group: 'apps',
        version: 'v1',
        kind: 'Deployment',
        namespace: 'payments',
        name: 'payments-api',
        syncStatus: 'Synced',
        healthStatus: 'Healthy',
      },
      {
        version: 'v1',
        kind: 'Service',
        namespace: 'payments',
        name: 'payments-api',
        syncStatus: 'Synced',
        healthStatus: 'Healthy',
      },
    ],
    actionable: { allowed: true },
    ...overrides,
  };
}

/** The entity page's answer for component:default/payments-api: one app, instance fresh, owner. */
export function makeEntityDetail(
  overrides: Partial<EntityArgoDetail> = {},
): EntityArgoDetail {
  return {
    entityRef: 'component:default/payments-api',
    state: 'ok',
    annotations: { appName: 'payments-api' },
    applications: [makeApplicationDetail()],
    instances: [
      {
        name: 'prod',
        status: 'ok',
        fetchedAt: '2026-01-01T10:05:00Z',
        ageSeconds: 4,
      },
    ],
    actions: {
      sync: { allowed: true },
      refresh: { allowed: true },
    },
    ...overrides,
  };
}

/** The backend's answer to a sync or refresh of payments-api on `prod`. */
export function makeActionResponse(
  action: ApplicationActionResponse['action'],
  detail: string,
): ApplicationActionResponse {
  return {
    action,
    entityRef: 'component:default/payments-api',
    result: {
      instance: 'prod',
      name: 'payments-api',
      appNamespace: 'argocd',
      detail,
    },
  };
}
