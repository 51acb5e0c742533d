import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { gitopsCommitInput, gitopsCommitOutput } from './schemas';

export const ACTION_ID = 'portico:gitops:commit';

/** Pushes manifests to the GitOps repository as one commit authored by the user; idempotent; never overwrites another service. */
export function createGitopsCommitAction() {
  return createTemplateAction({
    id: ACTION_ID,
    description:
      'Pushes manifests to the GitOps repository as one commit authored by the user; idempotent; never overwrites another service.',
    supportsDryRun: true,
    schema: {
      input: () => gitopsCommitInput,
      output: () => gitopsCommitOutput,
    },
    async handler() {
      throw new Error(`${ACTION_ID}: not implemented yet`);
    },
  });
}
