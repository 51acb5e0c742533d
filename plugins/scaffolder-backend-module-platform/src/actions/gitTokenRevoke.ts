import { withAuditEvent } from '@internal/plugin-portico-node';
import { createPlatformAction } from './platformAction';
import { PlatformActionDeps } from './deps';
import { gitTokenExamples } from './gitToken.examples';
import { taskAuditMeta } from './auditMeta';
import { gitTokenRevokeInput, gitTokenRevokeOutput } from './schemas/git';

const ACTION_ID = 'portico:git:token:revoke';

/** Revokes a token minted by portico:git:token. */
export function createGitTokenRevokeAction(
  deps: Pick<PlatformActionDeps, 'vault' | 'auditor'>,
) {
  return createPlatformAction({
    id: ACTION_ID,
    description:
      'Revokes a token minted by portico:git:token (put it last in the template).',
    examples: gitTokenExamples,
    input: gitTokenRevokeInput,
    output: gitTokenRevokeOutput,
    async handler(ctx, input) {
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
