import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { parseInput } from '../validation/parseInput';
import { PlatformActionDeps } from './deps';
import { ownerVerifyExamples } from './ownerVerify.examples';
import { ownerVerifyInput, ownerVerifyOutput } from './schemas';

const ACTION_ID = 'portico:owner:verify';

/** Refuses unless the task initiator is in the owning group (or a Portico admin). */
export function createOwnerVerifyAction(
  deps: Pick<PlatformActionDeps, 'ownerCheck'>,
) {
  return createTemplateAction({
    id: ACTION_ID,
    description:
      'Refuses unless the task initiator is a member of the owning group (owner) or an owner of the existing entity (entityRef); Portico admins may act for any team.',
    examples: ownerVerifyExamples,
    supportsDryRun: true,
    schema: {
      input: () => ownerVerifyInput,
      output: () => ownerVerifyOutput,
    },
    async handler(ctx) {
      const input = parseInput(ACTION_ID, ownerVerifyInput, ctx.input);
      const credentials = await ctx.getInitiatorCredentials();
      const decision = input.owner
        ? await deps.ownerCheck.verifyOwner(credentials, input.owner)
        : await deps.ownerCheck.verifyEntityOwner(
            credentials,
            input.entityRef!,
          );
      ctx.logger.info(
        `Acting for ${decision.owner}${
          decision.viaAdmin ? ' as a Portico admin' : ''
        }`,
      );
      ctx.output('owner', decision.owner);
      ctx.output('viaAdmin', decision.viaAdmin);
    },
  });
}
