import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { ownerVerifyInput, ownerVerifyOutput } from './schemas';

export const ACTION_ID = 'portico:owner:verify';

/** Refuses unless the task initiator is a member of the owning group (or a Portico admin). */
export function createOwnerVerifyAction() {
  return createTemplateAction({
    id: ACTION_ID,
    description:
      'Refuses unless the task initiator is a member of the owning group (or a Portico admin).',
    supportsDryRun: true,
    schema: {
      input: () => ownerVerifyInput,
      output: () => ownerVerifyOutput,
    },
    async handler() {
      throw new Error(`${ACTION_ID}: not implemented yet`);
    },
  });
}
