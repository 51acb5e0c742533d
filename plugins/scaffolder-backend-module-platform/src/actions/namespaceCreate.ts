import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { z } from 'zod/v3';
import { namespaceInput } from './schemas';
import { manifestOutputs } from './sharedSchemas';

export const ACTION_ID = 'portico:namespace:create';

/** Builds a Namespace with its RoleBinding for the owning team, ResourceQuota and default-deny NetworkPolicies. */
export function createNamespaceAction() {
  return createTemplateAction({
    id: ACTION_ID,
    description:
      'Builds a Namespace with its RoleBinding for the owning team, ResourceQuota and default-deny NetworkPolicies.',
    supportsDryRun: true,
    schema: {
      input: () => namespaceInput,
      output: () => z.object(manifestOutputs),
    },
    async handler() {
      throw new Error(`${ACTION_ID}: not implemented yet`);
    },
  });
}
