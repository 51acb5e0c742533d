import { z } from 'zod/v3';
import { buildArgocdApplication } from '../manifests/argocdApplication';
import { ownership } from '../manifests/labels';
import { applicationFile, gitopsLayout, serviceDir } from '../manifests/layout';
import { assertNotReserved } from '../validation/platformRules';
import { outputManifests } from './manifestOutputs';
import { createPlatformAction } from './platformAction';
import { PlatformActionDeps } from './deps';
import { argocdApplicationExamples } from './argocdApplication.examples';
import { argocdApplicationInput } from './schemas/manifests';
import { manifestOutputs } from './schemas/shared';

const ACTION_ID = 'portico:argocd:application';

/** Builds an Argo CD Application that syncs the service directory of the GitOps repository. */
export function createArgocdApplicationAction(
  deps: Pick<PlatformActionDeps, 'settings'>,
) {
  return createPlatformAction({
    id: ACTION_ID,
    description:
      "Builds an Argo CD Application (argoproj.io/v1alpha1) in the team's AppProject that syncs the service directory of the GitOps repository (automated, prune, self-heal). Refuses reserved names and namespaces.",
    examples: argocdApplicationExamples,
    input: argocdApplicationInput,
    output: z.object(manifestOutputs),
    async handler(ctx, input) {
      assertNotReserved(ACTION_ID, deps.settings.reservedNamespaces, [
        ['name', input.name],
        ['namespace', input.namespace],
      ]);
      const layout = gitopsLayout(deps.settings);
      const object = buildArgocdApplication({
        who: ownership(input.name, input.owner),
        argocdNamespace: layout.argocdNamespace,
        repoURL: layout.repoURL,
        targetRevision: layout.branch,
        path: serviceDir(layout, input.name),
        destinationServer: layout.destinationServer,
        destinationNamespace: input.namespace ?? input.name,
      });
      const path = applicationFile(layout, input.name);
      ctx.logger.info(
        `Argo CD Application ${input.name} → ${object.spec.source.path}`,
      );
      outputManifests(ctx, [{ path, object }]);
    },
  });
}
