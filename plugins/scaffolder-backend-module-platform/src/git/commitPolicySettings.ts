import { GitopsSettings } from '../settings';

/** What the GitOps commit policy compares against: the platform's settings it pins. */
export interface CommitPolicySettings {
  gitops: Pick<
    GitopsSettings,
    | 'basePath'
    | 'applicationsPath'
    | 'projectsPath'
    | 'namespacesPath'
    | 'argocdNamespace'
    | 'destinationServer'
    | 'sourceRepos'
    | 'branch'
  >;
  teamClusterRole: string;
  secretStore: { kind: string; name: string };
  remoteKeyPrefix: string;
  reservedNamespaces: string[];
}

/** Who the commit is for: the service, its owning group and that group's team name. */
export interface CommitSubject {
  service: string;
  ownerRef: string;
  team: string;
}
