import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { gitTokenRevokeInput, gitTokenRevokeOutput } from './schemas';

export const ACTION_ID = 'portico:git:token:revoke';

/** Revokes a token minted by portico:git:token. */
export function createGitTokenRevokeAction() {
  return createTemplateAction({
    id: ACTION_ID,
    description:
      'Revokes a token minted by portico:git:token.',
    supportsDryRun: true,
    schema: {
      input: () => gitTokenRevokeInput,
      output: () => gitTokenRevokeOutput,
    },
    async handler() {
      throw new Error(`${ACTION_ID}: not implemented yet`);
    },
  });
}
