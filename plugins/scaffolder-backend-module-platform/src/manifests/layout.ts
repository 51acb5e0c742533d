import { InputError } from '@backstage/errors';
import { PlatformSettings } from '../config';
import { cloneUrlOf } from '../git/repoUrls';

/** Where things go in the GitOps repository and what the Argo CD Application points at. */
export interface GitopsLayout {
  basePath: string;
  applicationsPath: string;
  argocdProject: string;
  argocdNamespace: string;
  destinationServer: string;
  repoURL: string;
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
    argocdProject: gitops.argocdProject,
    argocdNamespace: gitops.argocdNamespace,
    destinationServer: gitops.destinationServer,
    repoURL: cloneUrlOf(settings.git, gitops.repo),
    branch: gitops.branch,
  };
}

export const serviceDir = (
  layout: Pick<GitopsLayout, 'basePath'>,
  service: string,
) => `${layout.basePath}/${service}`;
export const applicationFile = (
  layout: Pick<GitopsLayout, 'applicationsPath'>,
  service: string,
) => `${layout.applicationsPath}/${service}.yaml`;
