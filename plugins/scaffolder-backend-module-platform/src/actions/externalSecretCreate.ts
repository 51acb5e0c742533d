import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { externalSecretInput, externalSecretOutput } from './schemas';

export const ACTION_ID = 'portico:external-secret:create';

/** Builds an ExternalSecret (external-secrets.io/v1); when a cluster is configured, checks the secret store exists. */
export function createExternalSecretAction() {
  return createTemplateAction({
    id: ACTION_ID,
    description:
      'Builds an ExternalSecret (external-secrets.io/v1); when a cluster is configured, checks the secret store exists.',
    supportsDryRun: true,
    schema: {
      input: () => externalSecretInput,
      output: () => externalSecretOutput,
    },
    async handler() {
      throw new Error(`${ACTION_ID}: not implemented yet`);
    },
  });
}
