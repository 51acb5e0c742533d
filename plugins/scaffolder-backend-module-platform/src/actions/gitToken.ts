import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { gitTokenInput, gitTokenOutput } from './schemas';

export const ACTION_ID = 'portico:git:token';

/** Mints a short-lived Git token limited to one repository and keeps it out of logs and outputs (returns a handle). */
export function createGitTokenAction() {
  return createTemplateAction({
    id: ACTION_ID,
    description:
      'Mints a short-lived Git token limited to one repository and keeps it out of logs and outputs (returns a handle).',
    supportsDryRun: true,
    schema: {
      input: () => gitTokenInput,
      output: () => gitTokenOutput,
    },
    async handler() {
      throw new Error(`${ACTION_ID}: not implemented yet`);
    },
  });
}
