import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { serviceInput, serviceValidateOutput } from './schemas';

export const ACTION_ID = 'portico:service:validate';

/** Refuses hostile or invalid service input, owners the caller is not in, and GitOps paths of another team, before anything is created. Put it first in a template. */
export function createServiceValidateAction() {
  return createTemplateAction({
    id: ACTION_ID,
    description:
      'Refuses hostile or invalid service input, owners the caller is not in, and GitOps paths of another team, before anything is created. Put it first in a template.',
    supportsDryRun: true,
    schema: {
      input: () => serviceInput,
      output: () => serviceValidateOutput,
    },
    async handler() {
      throw new Error(`${ACTION_ID}: not implemented yet`);
    },
  });
}
