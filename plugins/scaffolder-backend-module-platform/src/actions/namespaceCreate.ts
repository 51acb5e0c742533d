import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { z } from 'zod/v3';
import { ownership } from '../manifests/labels';
import { toFiles } from '../manifests/serialise';
import { namespaceFiles } from '../manifests/serviceManifests';
import { parseInput } from '../validation/parseInput';
import { PlatformActionDeps } from './deps';
import { namespaceExamples } from './namespaceCreate.examples';
import { namespaceInput } from './schemas';
import { manifestOutputs } from './sharedSchemas';

const ACTION_ID = 'portico:namespace:create';

/** Builds a Namespace with its RoleBinding for the owning team, ResourceQuota and NetworkPolicies. */
export function createNamespaceAction(
  deps: Pick<PlatformActionDeps, 'settings'>,
) {
  return createTemplateAction({
    id: ACTION_ID,
    description:
      'Builds a Namespace with a RoleBinding for the owning team, a ResourceQuota sized by traffic, and default-deny NetworkPolicies with ingress-controller and DNS allowances.',
    examples: namespaceExamples,
    supportsDryRun: true,
    schema: {
      input: () => namespaceInput,
      output: () => z.object(manifestOutputs),
    },
    async handler(ctx) {
      const input = parseInput(ACTION_ID, namespaceInput, ctx.input);
      const service = input.service ?? input.name;
      const basePath = deps.settings.gitops?.basePath ?? 'apps';
      const files = namespaceFiles(`${basePath}/${service}`, {
        namespace: input.name,
        who: ownership(service, input.owner),
        traffic: input.traffic,
        port: input.port,
        teamClusterRole: deps.settings.teamClusterRole,
        ingressNamespace: deps.settings.ingressNamespace,
      });
      ctx.logger.info(`Namespace ${input.name}: ${files.length} objects`);
      ctx.output('files', toFiles(files));
      ctx.output(
        'objects',
        files.map(f => f.object as Record<string, unknown>),
      );
    },
  });
}
