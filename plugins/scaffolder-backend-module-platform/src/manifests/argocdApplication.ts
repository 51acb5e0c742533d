import { V1ObjectMeta } from '@kubernetes/client-node';
import { metadata, Ownership } from './labels';

/** argoproj.io/v1alpha1 Application, the fields Portico sets. */
export interface ArgocdApplicationObject {
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

export interface ArgocdApplicationOptions {
  who: Ownership;
  argocdNamespace: string;
  project: string;
  repoURL: string;
  targetRevision: string;
  path: string;
  destinationServer: string;
  destinationNamespace: string;
}

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
      project: o.project,
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
