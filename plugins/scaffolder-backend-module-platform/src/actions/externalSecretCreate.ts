import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { buildExternalSecret } from '../manifests/externalSecret';
import { OWNER_ANNOTATION, OWNER_LABEL, ownership } from '../manifests/labels';
import { toFiles } from '../manifests/serialise';
import { parseInput } from '../validation/parseInput';
import { PlatformActionDeps } from './deps';
import { externalSecretExamples } from './externalSecretCreate.examples';
import { externalSecretInput, externalSecretOutput } from './schemas';

const ACTION_ID = 'portico:external-secret:create';

/** Builds an ExternalSecret; when a cluster is configured, checks the secret store exists. */
export function createExternalSecretAction(
  deps: Pick<PlatformActionDeps, 'settings' | 'storeChecker'>,
) {
  return createTemplateAction({
    id: ACTION_ID,
    description:
      'Builds an ExternalSecret (external-secrets.io/v1) for a service; when portico.scaffolder.kubernetes is configured, checks that the secret store exists in the cluster.',
    examples: externalSecretExamples,
    supportsDryRun: true,
    schema: {
      input: () => externalSecretInput,
      output: () => externalSecretOutput,
    },
    async handler(ctx) {
      const input = parseInput(ACTION_ID, externalSecretInput, ctx.input);
      const store = input.secretStore ?? deps.settings.secretStore;
      const service = input.service ?? input.namespace;
      const who = ownership(service, input.owner ?? 'group:default/unowned');
      const object = buildExternalSecret({
        name: input.name,
        namespace: input.namespace,
        who,
        targetName: input.targetName ?? input.name,
        store,
        refreshInterval: input.refreshInterval,
        data: input.data,
      });
      if (!input.owner) {
        // No owner given: no owner label or annotation rather than a made-up one.
        delete object.metadata.labels?.[OWNER_LABEL];
        delete object.metadata.annotations?.[OWNER_ANNOTATION];
      }
      let storeChecked = false;
      if (deps.storeChecker) {
        await deps.storeChecker.assertExists(store, input.namespace);
        storeChecked = true;
        ctx.logger.info(
          `${store.kind} '${store.name}' exists in cluster ${deps.storeChecker.clusterName}`,
        );
      } else {
        ctx.logger.info(
          'No cluster configured (portico.scaffolder.kubernetes): store not checked',
        );
      }
      const basePath = deps.settings.gitops?.basePath ?? 'apps';
      const files = toFiles([
        {
          path: `${basePath}/${service}/externalsecret-${input.name}.yaml`,
          object,
        },
      ]);
      ctx.logger.info(
        `ExternalSecret ${input.namespace}/${input.name}: ${input.data.length} key(s) from ${store.kind} '${store.name}'`,
      );
      ctx.output('files', files);
      ctx.output('objects', [object as unknown as Record<string, unknown>]);
      ctx.output('storeChecked', storeChecked);
    },
  });
}
