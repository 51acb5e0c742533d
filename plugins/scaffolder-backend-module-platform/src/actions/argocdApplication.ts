import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { z } from 'zod/v3';
import { argocdApplicationInput } from './schemas';
import { manifestOutputs } from './sharedSchemas';

export const ACTION_ID = 'portico:argocd:application';

/** Builds an Argo CD Application (argoproj.io/v1alpha1) that syncs the service directory of the GitOps repository. */
export function createArgocdApplicationAction() {
  return createTemplateAction({
    id: ACTION_ID,
    description:
      'Builds an Argo CD Application (argoproj.io/v1alpha1) that syncs the service directory of the GitOps repository.',
    supportsDryRun: true,
    schema: {
      input: () => argocdApplicationInput,
      output: () => z.object(manifestOutputs),
    },
    async handler() {
      throw new Error(`${ACTION_ID}: not implemented yet`);
    },
  });
}
