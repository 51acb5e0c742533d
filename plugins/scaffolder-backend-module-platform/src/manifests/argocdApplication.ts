import { teamProjectName } from '@internal/plugin-portico-node';
import { V1ObjectMeta } from '@kubernetes/client-node';
import { metadata, Ownership, teamMetadata } from './labels';

/** argoproj.io/v1alpha1 Application, the fields Portico sets. */
interface ArgocdApplicationObject {
  apiVersion: 'argoproj.io/v1alpha1';
  kind: 'Application';
  metadata: V1ObjectMeta;
  spec: {
    project: string;
    source: { repoURL: string; targetRevision: string; path: string };
    destination: { server: string; namespace: string };
    syncPolicy: {
      automated: { prune: boolean; selfHeal: boolean };
      syncOptions: string[];
    };
  };
}

interface ArgocdApplicationOptions {
  who: Ownership;
  argocdNamespace: string;
  repoURL: string;
  targetRevision: string;
  path: string;
  destinationServer: string;
  destinationNamespace: string;
}

/** The service's Application, always in its team's AppProject (never `default`). */
export function buildArgocdApplication(
  o: ArgocdApplicationOptions,
): ArgocdApplicationObject {
  const meta = metadata(o.who, o.who.service, o.argocdNamespace);
  meta.finalizers = ['resources-finalizer.argocd.argoproj.io'];
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: meta,
    spec: {
      project: teamProjectName(o.who.team),
      source: {
        repoURL: o.repoURL,
        targetRevision: o.targetRevision,
        path: o.path,
      },
      destination: {
        server: o.destinationServer,
        namespace: o.destinationNamespace,
      },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        syncOptions: ['ApplyOutOfSyncOnly=true'],
      },
    },
  };
}

/**
 * The kinds a team's Applications may apply: exactly what the service directory holds. Everything
 * else (Namespace, RBAC, quota, LimitRange, NetworkPolicy, ServiceAccount, Secret, any CRD) is
 * refused by Argo CD itself; the namespace guard objects are applied by the platform's own
 * Application (see ACTIONS.md, "Who applies what").
 */
export const TEAM_NAMESPACED_KINDS: ReadonlyArray<{
  group: string;
  kind: string;
}> = [
  { group: 'apps', kind: 'Deployment' },
  { group: '', kind: 'Service' },
  { group: 'autoscaling', kind: 'HorizontalPodAutoscaler' },
  { group: 'policy', kind: 'PodDisruptionBudget' },
  { group: 'external-secrets.io', kind: 'ExternalSecret' },
];

/** argoproj.io/v1alpha1 AppProject, the fields Portico sets. */
interface AppProjectObject {
  apiVersion: 'argoproj.io/v1alpha1';
  kind: 'AppProject';
  metadata: V1ObjectMeta;
  spec: {
    description: string;
    sourceRepos: string[];
    destinations: Array<{ server: string; namespace: string }>;
    clusterResourceWhitelist: Array<{ group: string; kind: string }>;
    namespaceResourceWhitelist: Array<{ group: string; kind: string }>;
    sourceNamespaces: string[];
    orphanedResources: { warn: boolean };
  };
}

interface AppProjectOptions {
  who: Pick<Ownership, 'ownerRef' | 'team'>;
  argocdNamespace: string;
  destinationServer: string;
  sourceRepos: string[];
  /** Every namespace the team holds in the GitOps repository. */
  namespaces: string[];
}

/**
 * The team's AppProject: its Applications deploy only to the team's namespaces, only from the
 * allowed repositories, only the workload kinds, and nothing cluster-scoped.
 */
export function buildAppProject(o: AppProjectOptions): AppProjectObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: teamMetadata(
      o.who,
      teamProjectName(o.who.team),
      o.argocdNamespace,
    ),
    spec: {
      description: `Services of team ${o.who.team} (managed by Portico)`,
      sourceRepos: [...o.sourceRepos],
      destinations: [...new Set(o.namespaces)].sort().map(namespace => ({
        server: o.destinationServer,
        namespace,
      })),
      clusterResourceWhitelist: [],
      namespaceResourceWhitelist: TEAM_NAMESPACED_KINDS.map(k => ({ ...k })),
      // Applications of this project live in the Argo CD namespace only.
      sourceNamespaces: [],
      orphanedResources: { warn: true },
    },
  };
}
