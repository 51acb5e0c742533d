import { DEFAULT_GITOPS_LAYOUT } from '../config';
import { buildExternalSecret } from '../manifests/externalSecret';
import { ownership } from '../manifests/labels';
import {
  assertNotReserved,
  forceRemoteKeys,
  remoteKeyRoot,
} from '../validation/platformRules';
import { outputManifests } from './manifestOutputs';
import { createPlatformAction } from './platformAction';
import { PlatformActionDeps } from './deps';
import { externalSecretExamples } from './externalSecretCreate.examples';
import { externalSecretInput, externalSecretOutput } from './schemas/manifests';

const ACTION_ID = 'portico:external-secret:create';

/**
 * Builds an ExternalSecret reading from the platform's store, every key forced under
 * `<remoteKeyPrefix>/<team>/<service>/`; when a cluster is configured, checks the store exists.
 */
export function createExternalSecretAction(
  deps: Pick<PlatformActionDeps, 'settings' | 'storeChecker'>,
) {
  return createPlatformAction({
    id: ACTION_ID,
    description:
      "Builds an ExternalSecret (external-secrets.io/v1) for a service, reading from the platform's store (portico.scaffolder.secretStore) with every key forced under <remoteKeyPrefix>/<team>/<service>/; refuses reserved namespaces and keys under any other prefix. When portico.scaffolder.kubernetes is configured, checks that the store exists in the cluster.",
    examples: externalSecretExamples,
    input: externalSecretInput,
    output: externalSecretOutput,
    async handler(ctx, input) {
      assertNotReserved(ACTION_ID, deps.settings.reservedNamespaces, [
        ['namespace', input.namespace],
        ['service', input.service],
      ]);
      const store = deps.settings.secretStore;
      const service = input.service ?? input.namespace;
      const who = ownership(service, input.owner);
      const data = forceRemoteKeys(
        ACTION_ID,
        deps.settings.remoteKeyPrefix,
        who,
        input.data,
        'data',
      );
      const object = buildExternalSecret({
        name: input.name,
        namespace: input.namespace,
        who,
        targetName: input.targetName ?? input.name,
        store,
        refreshInterval: input.refreshInterval,
        data,
      });
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
      const basePath =
        deps.settings.gitops?.basePath ?? DEFAULT_GITOPS_LAYOUT.basePath;
      const path = `${basePath}/${service}/externalsecret-${input.name}.yaml`;
      ctx.logger.info(
        `ExternalSecret ${input.namespace}/${input.name}: ${
          data.length
        } key(s) under ${remoteKeyRoot(
          deps.settings.remoteKeyPrefix,
          who,
        )} from ${store.kind} '${store.name}'`,
      );
      outputManifests(ctx, [{ path, object }]);
      ctx.output('storeChecked', storeChecked);
    },
  });
}
