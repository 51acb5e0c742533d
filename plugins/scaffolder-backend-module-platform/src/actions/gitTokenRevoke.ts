import { withAuditEvent } from '@internal/plugin-portico-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { parseInput } from '../validation/parseInput';
import { PlatformActionDeps } from './deps';
import { gitTokenExamples } from './gitToken.examples';
import { taskAuditMeta } from './auditMeta';
import { gitTokenRevokeInput, gitTokenRevokeOutput } from './schemas/git';

const ACTION_ID = 'portico:git:token:revoke';

/** Revokes a token minted by portico:git:token. */
export function createGitTokenRevokeAction(
  deps: Pick<PlatformActionDeps, 'vault' | 'auditor'>,
) {
  return createTemplateAction({
    id: ACTION_ID,
    description:
      'Revokes a token minted by portico:git:token (put it last in the template).',
    examples: gitTokenExamples,
    supportsDryRun: true,
    schema: {
      input: () => gitTokenRevokeInput,
      output: () => gitTokenRevokeOutput,
    },
    async handler(ctx) {
      const input = parseInput(ACTION_ID, gitTokenRevokeInput, ctx.input);
      if (ctx.isDryRun) {
        ctx.output('revoked', false);
        return;
      }
      const revoked = await withAuditEvent(
        deps.auditor,
        {
          eventId: 'git-token-revoke',
          severityLevel: 'medium',
          meta: { tokenRef: input.tokenRef, ...taskAuditMeta(ctx) },
        },
        async () => {
          const done = await deps.vault.revoke(input.tokenRef, ctx.task.id);
          return { result: done, meta: { revoked: done } };
        },
      );
      ctx.logger.info(
        revoked
          ? `Revoked ${input.tokenRef}`
          : `${input.tokenRef} had already expired or been revoked`,
      );
      ctx.output('revoked', revoked);
    },
  });
}
