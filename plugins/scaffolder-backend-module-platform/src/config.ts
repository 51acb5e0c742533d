import { Config } from '@backstage/config';
import { parseRepoUrlString, RepoCoordinates } from './validation/fields';

export interface GitopsSettings {
  repo: RepoCoordinates;
  branch: string;
  basePath: string;
  applicationsPath: string;
  argocdProject: string;
  argocdNamespace: string;
  destinationServer: string;
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
  gitops?: GitopsSettings;
  git?: GitSettings;
  kubernetes?: KubernetesSettings;
}

const trimSlashes = (v: string) => v.replace(/^\/+|\/+$/g, '');

export function readPlatformSettings(root: Config): PlatformSettings {
  const config = root.getOptionalConfig('portico.scaffolder');
  const storeKind =
    config?.getOptionalString('secretStore.kind') ?? 'ClusterSecretStore';
  if (storeKind !== 'ClusterSecretStore' && storeKind !== 'SecretStore') {
    throw new Error(
      `portico.scaffolder.secretStore.kind must be ClusterSecretStore or SecretStore, not '${storeKind}'`,
    );
  }
  const gitopsConfig = config?.getOptionalConfig('gitops');
  const gitConfig = config?.getOptionalConfig('git');
  const kubeConfig = config?.getOptionalConfig('kubernetes');

  let git: GitSettings | undefined;
  if (gitConfig) {
    const provider = gitConfig.getString('provider');
    const baseUrl = gitConfig.getString('baseUrl').replace(/\/+$/, '');
    if (provider === 'loopback') {
      git = {
        provider,
        baseUrl,
        adminToken: gitConfig.getString('loopback.adminToken'),
      };
    } else if (provider === 'github') {
      git = {
        provider,
        baseUrl,
        appId: String(gitConfig.get('githubApp.appId')),
        installationId: String(gitConfig.get('githubApp.installationId')),
        privateKey: gitConfig.getString('githubApp.privateKey'),
        apiBaseUrl: (
          gitConfig.getOptionalString('githubApp.apiBaseUrl') ??
          'https://api.github.com'
        ).replace(/\/+$/, ''),
      };
    } else {
      throw new Error(
        `portico.scaffolder.git.provider must be 'loopback' or 'github', not '${provider}'`,
      );
    }
  }

  return {
    imageRepository:
      config?.getOptionalString('imageRepository') ?? 'registry.local/portico',
    ingressNamespace:
      config?.getOptionalString('ingressNamespace') ?? 'ingress-nginx',
    teamClusterRole: config?.getOptionalString('teamClusterRole') ?? 'edit',
    secretStore: {
      kind: storeKind,
      name: config?.getOptionalString('secretStore.name') ?? 'vault',
    },
    remoteKeyPrefix: trimSlashes(
      config?.getOptionalString('remoteKeyPrefix') ?? 'services',
    ),
    postgresNamespace:
      config?.getOptionalString('postgresNamespace') ?? 'databases',
    gitops: gitopsConfig && {
      repo: parseRepoUrlString(gitopsConfig.getString('repoUrl')),
      branch: gitopsConfig.getOptionalString('branch') ?? 'main',
      basePath: trimSlashes(
        gitopsConfig.getOptionalString('basePath') ?? 'apps',
      ),
      applicationsPath: trimSlashes(
        gitopsConfig.getOptionalString('applicationsPath') ??
          'argocd/applications',
      ),
      argocdProject:
        gitopsConfig.getOptionalString('argocdProject') ?? 'default',
      argocdNamespace:
        gitopsConfig.getOptionalString('argocdNamespace') ?? 'argocd',
      destinationServer:
        gitopsConfig.getOptionalString('destinationServer') ??
        'https://kubernetes.default.svc',
    },
    git,
    kubernetes: kubeConfig && {
      name: kubeConfig.getOptionalString('name') ?? kubeConfig.getString('url'),
      url: kubeConfig.getString('url').replace(/\/+$/, ''),
      token: kubeConfig.getOptionalString('token'),
      caData: kubeConfig.getOptionalString('caData'),
      skipTLSVerify: kubeConfig.getOptionalBoolean('skipTLSVerify') ?? false,
    },
  };
}

/** Defaults for the manifest builders when no gitops config is present (dry runs, tests). */
export const DEFAULT_GITOPS_LAYOUT = {
  basePath: 'apps',
  applicationsPath: 'argocd/applications',
  argocdProject: 'default',
  argocdNamespace: 'argocd',
  destinationServer: 'https://kubernetes.default.svc',
};
