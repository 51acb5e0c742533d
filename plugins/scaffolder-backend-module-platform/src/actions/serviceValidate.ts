import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConflictError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { GitopsRepository } from '../git/gitopsRepository';
import { gitopsLayout } from '../manifests/layout';
import { buildServiceManifests } from '../manifests/serviceManifests';
import { parseInput } from '../validation/parseInput';
import { PlatformActionDeps } from './deps';
import { serviceValidateExamples } from './serviceValidate.examples';
import { serviceInput, serviceValidateOutput } from './schemas';

const ACTION_ID = 'portico:service:validate';

/** First step of a template: input, owner and GitOps collisions are checked before anything is created. */
export function createServiceValidateAction(
  deps: Pick<PlatformActionDeps, 'settings' | 'ownerCheck' | 'tokenProvider'>,
) {
  return createTemplateAction({
    id: ACTION_ID,
    description:
      'Refuses hostile or invalid service input, owners the caller is not in, and GitOps paths that belong to another team — before anything is created. Put it first in a template.',
    examples: serviceValidateExamples,
    supportsDryRun: true,
    schema: {
      input: () => serviceInput,
      output: () => serviceValidateOutput,
    },
    async handler(ctx) {
      const input = parseInput(ACTION_ID, serviceInput, ctx.input);
      const { owner, viaAdmin } = await deps.ownerCheck.verifyOwner(
        await ctx.getInitiatorCredentials(),
        input.owner,
      );
      const layout = gitopsLayout(deps.settings);
      const manifests = buildServiceManifests(
        { ...input, owner },
        deps.settings,
        layout,
      );
      if (deps.tokenProvider && deps.settings.gitops) {
        const repository = new GitopsRepository(
          deps.settings.gitops,
          deps.settings.git,
          deps.tokenProvider,
        );
        const scratch = await fs.promises.mkdtemp(
          path.join(os.tmpdir(), 'portico-validate-'),
        );
        try {
          const conflicts = await repository.precheck(
            path.join(scratch, 'repo'),
            ctx.logger,
            input.name,
            owner,
            manifests.files.map(f => f.path),
          );
          if (conflicts.length > 0) {
            throw new ConflictError(
              `input.name: "${
                input.name
              }" is taken in the GitOps repository: ${conflicts.join(
                '; ',
              )}. Choose another name.`,
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
