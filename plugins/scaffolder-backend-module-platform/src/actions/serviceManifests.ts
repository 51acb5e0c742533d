import { gitopsLayout } from '../manifests/layout';
import { toFiles } from '../manifests/serialise';
import { buildServiceManifests } from '../manifests/serviceManifests';
import { outputManifests } from './manifestOutputs';
import { createPlatformAction } from './platformAction';
import { PlatformActionDeps } from './deps';
import { serviceManifestsExamples } from './serviceManifests.examples';
import { serviceInput, serviceManifestsOutput } from './schemas/service';
import { assertServiceNotReserved, withForcedKeys } from './serviceInputRules';

const ACTION_ID = 'portico:service:manifests';

/** Builds every Kubernetes object of a service as objects, serialised to YAML files for the GitOps repository. */
export function createServiceManifestsAction(
  deps: Pick<PlatformActionDeps, 'settings'>,
) {
  return createPlatformAction({
    id: ACTION_ID,
    description:
      "Builds every Kubernetes object of a service as objects, serialised to YAML files for the GitOps repository: the namespace guard set (Namespace labelled portico.io/team, secrets ServiceAccount, RoleBinding, ResourceQuota, LimitRange, NetworkPolicies), the team's AppProject, the workload (Deployment, Service, HPA, ExternalSecrets under the service's store prefix) and its Argo CD Application in the team's project. Refuses reserved names.",
    examples: serviceManifestsExamples,
    input: serviceInput,
    output: serviceManifestsOutput,
    async handler(ctx, parsed) {
      assertServiceNotReserved(ACTION_ID, parsed, deps.settings);
      const input = withForcedKeys(ACTION_ID, parsed, deps.settings);
      const layout = gitopsLayout(deps.settings);
      const result = buildServiceManifests(input, deps.settings, layout);
      const files = toFiles(result.files);
      const paths = Object.keys(files).sort();
      ctx.logger.info(
        `Built ${result.files.length} objects for ${input.name} (namespace ${
          result.namespace
        }): ${paths.join(', ')}`,
      );
      if (ctx.isDryRun) {
        for (const path of paths) {
          ctx.logger.info(`--- ${path}\n${files[path]}`);
        }
      }
      outputManifests(ctx, result.files, files);
      ctx.output('namespace', result.namespace);
      ctx.output('gitopsPath', result.gitopsPath);
      ctx.output('applicationName', result.applicationName);
      ctx.output('paths', paths);
    },
  });
}
