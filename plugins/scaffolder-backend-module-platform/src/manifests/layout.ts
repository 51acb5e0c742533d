import { InputError } from '@backstage/errors';
import { teamProjectName } from '@internal/plugin-portico-node';
import { GitopsSettings, PlatformSettings } from '../settings';
import { cloneUrlOf } from '../git/repoUrls';

/** Where things go in the GitOps repository and what the Argo CD objects point at. */
export type GitopsLayout = Omit<GitopsSettings, 'repo'> & {
  /** Clone URL of the GitOps repository (what the Applications sync from). */
  repoURL: string;
};

export function gitopsLayout(settings: PlatformSettings): GitopsLayout {
  if (!settings.gitops) {
    throw new InputError(
      'portico.scaffolder.gitops.repoUrl is not configured: the Argo CD Application needs the GitOps repository',
    );
  }
  const { repo, ...layout } = settings.gitops;
  return { ...layout, repoURL: cloneUrlOf(settings.git, repo) };
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
