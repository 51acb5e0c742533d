/*
 * The shape of `portico.scaffolder` once read (see config.ts, which reads it and applies the
 * defaults): what every action, the GitOps repository and the token providers are given.
 */
import { RepoCoordinates } from './validation/fields';

export interface GitopsSettings {
  repo: RepoCoordinates;
  branch: string;
  basePath: string;
  applicationsPath: string;
  /** Per-team AppProjects: `<projectsPath>/team-<team>.yaml`. */
  projectsPath: string;
  /** Namespace guard objects: `<namespacesPath>/<namespace>/`. */
  namespacesPath: string;
  argocdNamespace: string;
  destinationServer: string;
  /** Clone URLs Applications and AppProjects may sync from. */
  sourceRepos: string[];
}

export interface KubernetesSettings {
  name: string;
  url: string;
  token?: string;
  caData?: string;
  skipTLSVerify: boolean;
}

export type GitSettings =
  | { provider: 'loopback'; baseUrl: string; adminToken: string }
  | {
      provider: 'github';
      baseUrl: string;
      appId: string;
      installationId: string;
      privateKey: string;
      apiBaseUrl: string;
    };

/** Everything the actions read from `portico.scaffolder`, with defaults applied. */
export interface PlatformSettings {
  imageRepository: string;
  ingressNamespace: string;
  teamClusterRole: string;
  secretStore: { kind: 'ClusterSecretStore' | 'SecretStore'; name: string };
  remoteKeyPrefix: string;
  postgresNamespace: string;
  /** `portico.reservedNamespaces` plus the built-in list (default, kube-*, the platform's own). */
  reservedNamespaces: string[];
  gitops?: GitopsSettings;
  git?: GitSettings;
  kubernetes?: KubernetesSettings;
}
