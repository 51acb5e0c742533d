import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConflictError, InputError } from '@backstage/errors';
import { GitopsRepository } from '../git/gitopsRepository';
import { gitopsLayout } from '../manifests/layout';
import { ownership } from '../manifests/labels';
import { toFiles } from '../manifests/serialise';
import { buildServiceManifests } from '../manifests/serviceManifests';
import { createPlatformAction } from './platformAction';
import { PlatformActionDeps } from './deps';
import { serviceValidateExamples } from './serviceValidate.examples';
import { heldInCluster } from './namespaceHolders';
import { serviceInput, serviceValidateOutput } from './schemas/service';
import { assertServiceNotReserved, withForcedKeys } from './serviceInputRules';

const ACTION_ID = 'portico:service:validate';

/** First step of a template: input, owner and GitOps collisions are checked before anything is created. */
export function createServiceValidateAction(
  deps: Pick<
    PlatformActionDeps,
    'settings' | 'ownerCheck' | 'tokenProvider' | 'teamNamespaces'
  >,
) {
  return createPlatformAction({
    id: ACTION_ID,
    description:
      "Refuses hostile or invalid service input, reserved names (first), owners the caller is not in, secret keys outside the service's prefix, namespaces another team holds and GitOps paths that belong to another team — before anything is created. Put it first in a template.",
    examples: serviceValidateExamples,
    input: serviceInput,
    output: serviceValidateOutput,
    async handler(ctx, parsed) {
      // Reserved names first: before ownership or anything else is looked at.
      assertServiceNotReserved(ACTION_ID, parsed, deps.settings);
      const { owner, viaAdmin } = await deps.ownerCheck.verifyOwner(
        await ctx.getInitiatorCredentials(),
        parsed.owner,
      );
      const input = withForcedKeys(
        ACTION_ID,
        { ...parsed, owner },
        deps.settings,
      );
      const layout = gitopsLayout(deps.settings);
      const manifests = buildServiceManifests(input, deps.settings, layout);
      const who = ownership(input.name, owner);
      const namespaceField = input.namespace ? 'namespace' : 'name';
      const held = await heldInCluster(deps.teamNamespaces, who.team, [
        [`input.${namespaceField}`, manifests.namespace],
      ]);
      if (held.length > 0) {
        throw new ConflictError(`${ACTION_ID}: ${held.join('; ')}`);
      }
      if (deps.tokenProvider && deps.settings.gitops) {
        const repository = new GitopsRepository(
          { ...deps.settings, gitops: deps.settings.gitops },
          deps.settings.git,
          deps.tokenProvider,
        );
        const scratch = await fs.promises.mkdtemp(
          path.join(os.tmpdir(), 'portico-validate-'),
        );
        try {
          const check = await repository.precheck(
            path.join(scratch, 'repo'),
            ctx.logger,
            {
              service: input.name,
              ownerRef: owner,
              team: who.team,
              files: toFiles(manifests.files),
            },
          );
          if (check.held.length > 0) {
            // Name the field the user typed, and the team that holds the namespace.
            throw new ConflictError(
              `input.${namespaceField}: ${check.held
                .map(h => h.replace(/^input\.files\["[^"]*"\]: /, ''))
                .join('; ')}`,
            );
          }
          if (check.conflicts.length > 0) {
            throw new ConflictError(
              `input.name: "${
                input.name
              }" is taken in the GitOps repository: ${check.conflicts.join(
                '; ',
              )}. Choose another name.`,
            );
          }
          if (check.problems.length > 0) {
            throw new InputError(
              `${ACTION_ID}: the GitOps commit would be refused: ${check.problems.join(
                '; ',
              )}`,
            );
          }
        } finally {
          await fs.promises.rm(scratch, { recursive: true, force: true });
        }
      }
      ctx.logger.info(
        `Input of ${input.name} is valid; owner ${owner}${
          viaAdmin ? ' (admin)' : ''
        }; GitOps path ${manifests.gitopsPath} is free or ours`,
      );
      ctx.output('name', input.name);
      ctx.output('namespace', manifests.namespace);
      ctx.output('owner', owner);
      ctx.output('gitopsPath', manifests.gitopsPath);
    },
  });
}
