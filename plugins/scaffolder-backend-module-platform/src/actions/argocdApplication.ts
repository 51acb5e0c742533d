import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { z } from 'zod/v3';
import { buildArgocdApplication } from '../manifests/argocdApplication';
import { ownership } from '../manifests/labels';
import { applicationFile, gitopsLayout, serviceDir } from '../manifests/layout';
import { toFiles } from '../manifests/serialise';
import { parseInput } from '../validation/parseInput';
import { PlatformActionDeps } from './deps';
import { argocdApplicationExamples } from './argocdApplication.examples';
import { argocdApplicationInput } from './schemas';
import { manifestOutputs } from './sharedSchemas';

const ACTION_ID = 'portico:argocd:application';

/** Builds an Argo CD Application that syncs the service directory of the GitOps repository. */
export function createArgocdApplicationAction(
  deps: Pick<PlatformActionDeps, 'settings'>,
) {
  return createTemplateAction({
    id: ACTION_ID,
    description:
      'Builds an Argo CD Application (argoproj.io/v1alpha1) that syncs the service directory of the GitOps repository (automated, prune, self-heal).',
    examples: argocdApplicationExamples,
    supportsDryRun: true,
    schema: {
      input: () => argocdApplicationInput,
      output: () => z.object(manifestOutputs),
    },
    async handler(ctx) {
      const input = parseInput(ACTION_ID, argocdApplicationInput, ctx.input);
      const layout = gitopsLayout(deps.settings);
      const object = buildArgocdApplication({
        who: ownership(input.name, input.owner),
        argocdNamespace: layout.argocdNamespace,
        project: layout.argocdProject,
        repoURL: layout.repoURL,
        targetRevision: layout.branch,
        path: input.path ?? serviceDir(layout, input.name),
        destinationServer: layout.destinationServer,
        destinationNamespace: input.namespace ?? input.name,
      });
      const path = applicationFile(layout, input.name);
      ctx.logger.info(
        `Argo CD Application ${input.name} → ${object.spec.source.path}`,
      );
      ctx.output('files', toFiles([{ path, object }]));
      ctx.output('objects', [object as unknown as Record<string, unknown>]);
    },
  });
}
