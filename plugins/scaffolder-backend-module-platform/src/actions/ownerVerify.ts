import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConflictError } from '@backstage/errors';
import { teamOfGroupRef } from '@internal/plugin-portico-node';
import { GitopsRepository } from '../git/gitopsRepository';
import { assertNotReserved } from '../validation/platformRules';
import { createPlatformAction } from './platformAction';
import { PlatformActionDeps } from './deps';
import { heldInCluster } from './namespaceHolders';
import { ownerVerifyExamples } from './ownerVerify.examples';
import { ownerVerifyInput, ownerVerifyOutput } from './schemas/service';

const ACTION_ID = 'portico:owner:verify';

/**
 * Refuses unless the task initiator is in the owning group (or a Portico admin); with a
 * namespace, also refuses a reserved one (first) and one another team holds.
 */
export function createOwnerVerifyAction(
  deps: Pick<
    PlatformActionDeps,
    'ownerCheck' | 'settings' | 'teamNamespaces' | 'tokenProvider'
  >,
) {
  return createPlatformAction({
    id: ACTION_ID,
    description:
      'Refuses unless the task initiator is a member of the owning group (owner) or an owner of the existing entity (entityRef); Portico admins may act for any team. With namespace: refuses a reserved namespace before ownership is looked at, and a namespace another team holds (cluster labels and the GitOps repository).',
    examples: ownerVerifyExamples,
    input: ownerVerifyInput,
    output: ownerVerifyOutput,
    async handler(ctx, input) {
      assertNotReserved(ACTION_ID, deps.settings.reservedNamespaces, [
        ['namespace', input.namespace],
      ]);
      const credentials = await ctx.getInitiatorCredentials();
      const decision = input.owner
        ? await deps.ownerCheck.verifyOwner(credentials, input.owner)
        : await deps.ownerCheck.verifyEntityOwner(
            credentials,
            input.entityRef!,
          );
      if (input.namespace) {
        await assertNamespaceFree(ctx.logger, input.namespace, decision.owner);
      }
      ctx.logger.info(
        `Acting for ${decision.owner}${
          decision.viaAdmin ? ' as a Portico admin' : ''
        }`,
      );
      ctx.output('owner', decision.owner);
      ctx.output('viaAdmin', decision.viaAdmin);
    },
  });

  async function assertNamespaceFree(
    logger: Parameters<GitopsRepository['namespaces']>[1],
    namespace: string,
    owner: string,
  ) {
    const team = teamOfGroupRef(owner);
    const held = await heldInCluster(deps.teamNamespaces, team ?? '', [
      ['input.namespace', namespace],
    ]);
    const gitops = deps.settings.gitops;
    if (held.length === 0 && gitops && deps.tokenProvider) {
      const repository = new GitopsRepository(
        { ...deps.settings, gitops },
        deps.settings.git,
        deps.tokenProvider,
      );
      const scratch = await fs.promises.mkdtemp(
        path.join(os.tmpdir(), 'portico-verify-'),
      );
      try {
        const found = await repository.namespaces(
          path.join(scratch, 'repo'),
          logger,
        );
        for (const other of found.filter(n => n.name === namespace)) {
          if (other.team !== team) {
            held.push(
              `input.namespace: namespace "${namespace}" is held by ${
                other.team ? `team ${other.team}` : 'no team'
              } (${other.path} in the GitOps repository); choose another name`,
            );
          }
        }
      } finally {
        await fs.promises.rm(scratch, { recursive: true, force: true });
      }
    }
    if (held.length > 0) {
      throw new ConflictError(`${ACTION_ID}: ${held.join('; ')}`);
    }
  }
}
