import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { publishGitInput, publishGitOutput } from './schemas';

export const ACTION_ID = 'portico:publish:git';

/** Creates a repository on the configured Git server and pushes the workspace (the steps of the upstream publishers). */
export function createPublishGitAction() {
  return createTemplateAction({
    id: ACTION_ID,
    description:
      'Creates a repository on the configured Git server and pushes the workspace (the steps of the upstream publishers).',
    supportsDryRun: true,
    schema: {
      input: () => publishGitInput,
      output: () => publishGitOutput,
    },
    async handler() {
      throw new Error(`${ACTION_ID}: not implemented yet`);
    },
  });
}
