import { Config } from '@backstage/config';
import { readReservedNamespaces } from '@internal/plugin-portico-node';
import { cloneUrlOf } from './git/repoUrls';
import { parseRepoUrlString } from './validation/fields';
import { GitopsSettings, GitSettings, PlatformSettings } from './settings';

/** `portico.scaffolder.gitops` where config leaves a key out (config.d.ts names the same). */
export const DEFAULT_GITOPS_LAYOUT = {
  branch: 'main',
  basePath: 'apps',
  applicationsPath: 'argocd/applications',
  projectsPath: 'argocd/projects',
  namespacesPath: 'platform/namespaces',
  argocdNamespace: 'argocd',
  destinationServer: 'https://kubernetes.default.svc',
} as const;

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
  const read = (key: keyof typeof DEFAULT_GITOPS_LAYOUT) =>
    gitopsConfig.getOptionalString(key) ?? DEFAULT_GITOPS_LAYOUT[key];
  const settings: GitopsSettings = {
    repo,
    branch: read('branch'),
    basePath: trimSlashes(read('basePath')),
    applicationsPath: trimSlashes(read('applicationsPath')),
    projectsPath: trimSlashes(read('projectsPath')),
    namespacesPath: trimSlashes(read('namespacesPath')),
    argocdNamespace: read('argocdNamespace'),
    destinationServer: read('destinationServer'),
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
