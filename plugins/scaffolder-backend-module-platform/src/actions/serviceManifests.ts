import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { serviceInput, serviceManifestsOutput } from './schemas';

export const ACTION_ID = 'portico:service:manifests';

/** Builds every Kubernetes object of a service (Namespace, RoleBinding, ResourceQuota, NetworkPolicies, Deployment, Service, HPA, ExternalSecrets, Argo CD Application) as objects, serialised to YAML files for the GitOps repository. */
export function createServiceManifestsAction() {
  return createTemplateAction({
    id: ACTION_ID,
    description:
      'Builds every Kubernetes object of a service (Namespace, RoleBinding, ResourceQuota, NetworkPolicies, Deployment, Service, HPA, ExternalSecrets, Argo CD Application) as objects, serialised to YAML files for the GitOps repository.',
    supportsDryRun: true,
    schema: {
      input: () => serviceInput,
      output: () => serviceManifestsOutput,
    },
    async handler() {
      throw new Error(`${ACTION_ID}: not implemented yet`);
    },
  });
}
