import { InputError } from '@backstage/errors';
import { teamProjectName } from '@internal/plugin-portico-node';
import { PlatformSettings } from '../config';
import { cloneUrlOf } from '../git/repoUrls';

/** Where things go in the GitOps repository and what the Argo CD objects point at. */
export interface GitopsLayout {
  basePath: string;
  applicationsPath: string;
  projectsPath: string;
  namespacesPath: string;
  argocdNamespace: string;
  destinationServer: string;
  repoURL: string;
  sourceRepos: string[];
  branch: string;
}

export function gitopsLayout(settings: PlatformSettings): GitopsLayout {
  const gitops = settings.gitops;
  if (!gitops) {
    throw new InputError(
      'portico.scaffolder.gitops.repoUrl is not configured: the Argo CD Application needs the GitOps repository',
    );
  }
  return {
    basePath: gitops.basePath,
    applicationsPath: gitops.applicationsPath,
    projectsPath: gitops.projectsPath,
    namespacesPath: gitops.namespacesPath,
    argocdNamespace: gitops.argocdNamespace,
    destinationServer: gitops.destinationServer,
    repoURL: cloneUrlOf(settings.git, gitops.repo),
    sourceRepos: gitops.sourceRepos,
    branch: gitops.branch,
  };
}

/** The service's workload objects (synced by its Application under the team's AppProject). */
export const serviceDir = (
  layout: Pick<GitopsLayout, 'basePath'>,
  service: string,
) => `${layout.basePath}/${service}`;
export const applicationFile = (
  layout: Pick<GitopsLayout, 'applicationsPath'>,
  service: string,
) => `${layout.applicationsPath}/${service}.yaml`;
/** A namespace's guard objects (synced by the platform's namespaces Application). */
export const namespaceDir = (
  layout: Pick<GitopsLayout, 'namespacesPath'>,
  namespace: string,
) => `${layout.namespacesPath}/${namespace}`;
export const projectFile = (
  layout: Pick<GitopsLayout, 'projectsPath'>,
  team: string,
) => `${layout.projectsPath}/${teamProjectName(team)}.yaml`;
