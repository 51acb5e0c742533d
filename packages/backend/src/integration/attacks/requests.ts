/* The pieces attack rows are built of: the attacker, request builders, manifests and matchers. */
import type { Caller } from '../harness/startPortico';

export const ALICE: Caller = 'alice-dev';

export const newService = (overrides: Record<string, unknown>) => ({
  name: 'svc-a-new',
  owner: 'group:default/team-a',
  description: 'A service of team-a',
  language: 'node',
  traffic: 'low',
  storage: 'none',
  extraSecrets: [],
  repoOwner: 'team-a',
  repoHost: '$gitHost',
  ...overrides,
});

export const addSecret = (overrides: Record<string, unknown>) => ({
  component: 'component:default/svc-a',
  secretName: 'svc-a-extra',
  data: [{ secretKey: 'STRIPE_KEY', remoteKey: 'stripe' }],
  storeKind: 'ClusterSecretStore',
  storeName: 'vault',
  refreshInterval: '1h',
  ...overrides,
});

export const run = (
  parameters: Record<string, unknown>,
  entityRef = 'component:default/svc-a',
) => ({
  kind: 'http' as const,
  method: 'POST',
  path: '/api/provisioning/runs',
  body: { template: 'new-environment', entityRef, parameters },
});

/** A template the caller wrote, committing whatever it likes through portico:gitops:commit. */
export const committingTemplate = (files: Record<string, string>) => ({
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'alice-commits', namespace: 'default' },
  spec: {
    owner: 'group:default/team-a',
    type: 'service',
    parameters: [],
    steps: [
      {
        id: 'gitops',
        name: 'Commit',
        action: 'portico:gitops:commit',
        input: {
          service: 'svc-a',
          owner: 'group:default/team-a',
          files,
          message: 'harmless',
        },
      },
    ],
  },
});

export const CLUSTER_ROLE_BINDING = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: team-a-cluster-admin
  labels: { portico.io/service: svc-a, portico.io/team: team-a, app.kubernetes.io/name: svc-a }
  annotations: { portico.io/owner: group:default/team-a }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
subjects: [{ kind: Group, name: team-a, apiGroup: rbac.authorization.k8s.io }]
`;

export const FOREIGN_APPLICATION = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: svc-a
  namespace: argocd
  labels: { portico.io/service: svc-a, portico.io/team: team-a, app.kubernetes.io/name: svc-a }
  annotations: { portico.io/owner: group:default/team-a }
spec:
  project: default
  source: { repoURL: 'https://github.com/attacker/anything.git', path: '.', targetRevision: HEAD }
  destination: { server: 'https://kubernetes.default.svc', namespace: svc-b }
  syncPolicy: { automated: { prune: true, selfHeal: true } }
`;

export const sync = (
  entity: string,
  app: string,
  action: 'sync' | 'refresh' = 'sync',
) => ({
  kind: 'http' as const,
  method: 'POST',
  path: `/api/argocd/entities/component/default/${entity}/applications/$argo/${app}/${action}`,
  body: {},
});

export const obs = (entity: string, rest: string) => ({
  kind: 'http' as const,
  method: 'GET',
  path: `/api/observability/entities/component/default/${entity}/${rest}`,
});

/**
 * The audited error of a name refused by the form's schema (the scaffolder's own wording) or by
 * the validate step.
 */
export const SCHEMA_OR_RESERVED =
  /Could not (execute dry run|create entity)|is reserved/;

/** The namespace of team-b in any query sent upstream. */
export const ASKS_ABOUT_SVC_B = { upstream: /svc-b/ };
