import { z } from 'zod/v3';
import { ownership } from '../manifests/labels';
import { gitopsLayout } from '../manifests/layout';
import { namespaceFiles } from '../manifests/serviceManifests';
import { assertNotReserved } from '../validation/platformRules';
import { outputManifests } from './manifestOutputs';
import { createPlatformAction } from './platformAction';
import { PlatformActionDeps } from './deps';
import { namespaceExamples } from './namespaceCreate.examples';
import { namespaceInput } from './schemas/manifests';
import { manifestOutputs } from './schemas/shared';

const ACTION_ID = 'portico:namespace:create';

/** Builds a Namespace with its RoleBinding for the owning team, ResourceQuota and NetworkPolicies. */
export function createNamespaceAction(
  deps: Pick<PlatformActionDeps, 'settings'>,
) {
  return createPlatformAction({
    id: ACTION_ID,
    description:
      "Builds a Namespace labelled with its team (portico.io/team, Pod Security restricted) with the secrets ServiceAccount, a RoleBinding for the owning team, a ResourceQuota and LimitRange sized by traffic, default-deny NetworkPolicies with ingress-controller and DNS allowances, and the team's AppProject. Refuses reserved namespaces.",
    examples: namespaceExamples,
    input: namespaceInput,
    output: z.object(manifestOutputs),
    async handler(ctx, input) {
      assertNotReserved(ACTION_ID, deps.settings.reservedNamespaces, [
        ['name', input.name],
        ['service', input.service],
      ]);
      const service = input.service ?? input.name;
      const files = namespaceFiles(gitopsLayout(deps.settings), {
        namespace: input.name,
        who: ownership(service, input.owner),
        traffic: input.traffic,
        port: input.port,
        teamClusterRole: deps.settings.teamClusterRole,
        ingressNamespace: deps.settings.ingressNamespace,
      });
      ctx.logger.info(`Namespace ${input.name}: ${files.length} objects`);
      outputManifests(ctx, files);
    },
  });
}
