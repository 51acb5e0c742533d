import { Config } from '@backstage/config';
import { readReservedNamespaces } from '@internal/plugin-portico-node';
import { cloneUrlOf } from './git/repoUrls';
import { parseRepoUrlString, RepoCoordinates } from './validation/fields';

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
    reservedNamespaces: readReservedNamespaces(root),
    gitops: gitopsConfig && readGitops(gitopsConfig, git),
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

function readGitops(
  gitopsConfig: Config,
  git: GitSettings | undefined,
): GitopsSettings {
  const repo = parseRepoUrlString(gitopsConfig.getString('repoUrl'));
  const settings = {
    repo,
    branch: gitopsConfig.getOptionalString('branch') ?? 'main',
    basePath: trimSlashes(gitopsConfig.getOptionalString('basePath') ?? 'apps'),
    applicationsPath: trimSlashes(
      gitopsConfig.getOptionalString('applicationsPath') ??
        'argocd/applications',
    ),
    projectsPath: trimSlashes(
      gitopsConfig.getOptionalString('projectsPath') ?? 'argocd/projects',
    ),
    namespacesPath: trimSlashes(
      gitopsConfig.getOptionalString('namespacesPath') ?? 'platform/namespaces',
    ),
    argocdNamespace:
      gitopsConfig.getOptionalString('argocdNamespace') ?? 'argocd',
    destinationServer:
      gitopsConfig.getOptionalString('destinationServer') ??
      'https://kubernetes.default.svc',
    sourceRepos: gitopsConfig.getOptionalStringArray('sourceRepos') ?? [
      cloneUrlOf(git, repo),
    ],
  };
  const dirs = [
    settings.basePath,
    settings.applicationsPath,
    settings.projectsPath,
    settings.namespacesPath,
  ];
  for (const dir of dirs) {
    const nested = dirs.find(
      other => other !== dir && `${dir}/`.startsWith(`${other}/`),
    );
    if (nested || dirs.indexOf(dir) !== dirs.lastIndexOf(dir)) {
      throw new Error(
        `portico.scaffolder.gitops: basePath, applicationsPath, projectsPath and namespacesPath must be separate directories ('${dir}' overlaps '${
          nested ?? dir
        }')`,
      );
    }
  }
  return settings;
}
