/*
 * Where a file of a GitOps commit sits decides what it may hold: the service directory, a
 * namespace directory, the service's Application file or the team's AppProject file.
 */
import { teamProjectName } from '@internal/plugin-portico-node';
import { TEAM_NAMESPACED_KINDS } from '../manifests/argocdApplication';
import { GitopsSettings } from '../settings';
import { DNS_LABEL } from '../validation/fields';

export type Area =
  | { area: 'service' }
  | { area: 'namespace'; namespace: string }
  | { area: 'application' }
  | { area: 'project' };

/** apiVersion of each kind the generators build, per place in the repository. */
const SERVICE_DIR_KINDS: Record<string, string> = {
  Deployment: 'apps/v1',
  Service: 'v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
  PodDisruptionBudget: 'policy/v1',
  ExternalSecret: 'external-secrets.io/v1',
};
const NAMESPACE_DIR_KINDS: Record<string, string> = {
  Namespace: 'v1',
  ServiceAccount: 'v1',
  RoleBinding: 'rbac.authorization.k8s.io/v1',
  ResourceQuota: 'v1',
  LimitRange: 'v1',
  NetworkPolicy: 'networking.k8s.io/v1',
};
export const AREA_KINDS: Record<Area['area'], Record<string, string>> = {
  service: SERVICE_DIR_KINDS,
  namespace: NAMESPACE_DIR_KINDS,
  application: { Application: 'argoproj.io/v1alpha1' },
  project: { AppProject: 'argoproj.io/v1alpha1' },
};

// The team's AppProject must allow exactly what a service directory may hold.
const whitelisted = TEAM_NAMESPACED_KINDS.map(k => k.kind).sort();
if (
  JSON.stringify(whitelisted) !==
  JSON.stringify(Object.keys(SERVICE_DIR_KINDS).sort())
) {
  throw new Error(
    'TEAM_NAMESPACED_KINDS and SERVICE_DIR_KINDS must list the same kinds',
  );
}

type AreaLayout = Pick<
  GitopsSettings,
  'basePath' | 'applicationsPath' | 'projectsPath' | 'namespacesPath'
>;

const isYamlFile = (name: string) => /^[A-Za-z0-9_.-]+\.ya?ml$/.test(name);

/** The area of path p for this service and team, or undefined when the commit may not write it. */
export function areaOf(
  gitops: AreaLayout,
  subject: { service: string; team: string },
  p: string,
): Area | undefined {
  const under = (dir: string) =>
    p.startsWith(`${dir}/`) ? p.slice(dir.length + 1) : undefined;
  const inService = under(`${gitops.basePath}/${subject.service}`);
  if (inService !== undefined && isYamlFile(inService)) {
    return { area: 'service' };
  }
  const inNamespaces = under(gitops.namespacesPath);
  if (inNamespaces !== undefined) {
    const [namespace, file, ...rest] = inNamespaces.split('/');
    if (
      rest.length === 0 &&
      file &&
      isYamlFile(file) &&
      DNS_LABEL.test(namespace) &&
      namespace.length <= 63
    ) {
      return { area: 'namespace', namespace };
    }
  }
  if (p === `${gitops.applicationsPath}/${subject.service}.yaml`) {
    return { area: 'application' };
  }
  if (p === `${gitops.projectsPath}/${teamProjectName(subject.team)}.yaml`) {
    return { area: 'project' };
  }
  return undefined;
}

/** The refusal of a path outside every area, naming where the commit may write. */
export function outsideAreas(
  gitops: AreaLayout,
  subject: { service: string; team: string },
): string {
  return `outside ${gitops.basePath}/${subject.service}/*.yaml, ${
    gitops.namespacesPath
  }/<namespace>/*.yaml, ${gitops.applicationsPath}/${
    subject.service
  }.yaml and ${gitops.projectsPath}/${teamProjectName(subject.team)}.yaml`;
}
