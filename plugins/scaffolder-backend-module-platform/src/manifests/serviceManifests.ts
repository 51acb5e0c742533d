import { ServiceInput } from '../actions/schemas/service';
import { PlatformSettings } from '../settings';
import { forceRemoteKeys, remoteKeyRoot } from '../validation/platformRules';
import { buildAppProject, buildArgocdApplication } from './argocdApplication';
import { buildExternalSecret, STORAGE_CREDENTIALS } from './externalSecret';
import { ownership } from './labels';
import {
  applicationFile,
  GitopsLayout,
  namespaceDir,
  projectFile,
  serviceDir,
} from './layout';
import {
  buildLimitRange,
  buildNamespace,
  buildNetworkPolicies,
  buildResourceQuota,
  buildRoleBinding,
  buildSecretsServiceAccount,
  NamespaceOptions,
} from './namespace';
import { ManifestFile } from './serialise';
import {
  buildDeployment,
  buildHpa,
  buildPodDisruptionBudget,
  buildService,
} from './workload';

/**
 * The tag of a new service's first image: the version in the generated repository's VERSION
 * file, which its pipeline pushes once (next to the commit SHA) from the first build on main.
 * Never `latest`: a floating tag deploys whatever was pushed last.
 */
export const INITIAL_IMAGE_TAG = '0.1.0';

interface ServiceManifests {
  namespace: string;
  gitopsPath: string;
  applicationName: string;
  files: ManifestFile[];
}

/**
 * A namespace's guard objects, under `<namespacesPath>/<namespace>/` (applied by the platform's
 * namespaces Application, not by the team's), and the team's AppProject with this namespace as a
 * destination (the GitOps commit adds the team's other namespaces from the repository).
 * portico:namespace:create uses these alone.
 */
export function namespaceFiles(
  layout: Pick<
    GitopsLayout,
    | 'namespacesPath'
    | 'projectsPath'
    | 'argocdNamespace'
    | 'destinationServer'
    | 'sourceRepos'
  >,
  o: NamespaceOptions,
): ManifestFile[] {
  const dir = namespaceDir(layout, o.namespace);
  return [
    { path: `${dir}/namespace.yaml`, object: buildNamespace(o) },
    {
      path: `${dir}/serviceaccount-secrets.yaml`,
      object: buildSecretsServiceAccount(o),
    },
    { path: `${dir}/rolebinding.yaml`, object: buildRoleBinding(o) },
    { path: `${dir}/resourcequota.yaml`, object: buildResourceQuota(o) },
    { path: `${dir}/limitrange.yaml`, object: buildLimitRange(o) },
    ...buildNetworkPolicies(o).map(p => ({
      path: `${dir}/networkpolicy-${p.suffix}.yaml`,
      object: p.object,
    })),
    {
      path: projectFile(layout, o.who.team),
      object: buildAppProject({
        who: o.who,
        argocdNamespace: layout.argocdNamespace,
        destinationServer: layout.destinationServer,
        sourceRepos: layout.sourceRepos,
        namespaces: [o.namespace],
      }),
    },
  ];
}

/**
 * Every object of a service, in apply order, with its GitOps path. Input is already validated,
 * with its extra secrets' keys already forced under the service's root (prepareServiceInput).
 */
export function buildServiceManifests(
  input: ServiceInput,
  settings: PlatformSettings,
  layout: GitopsLayout,
): ServiceManifests {
  const who = ownership(input.name, input.owner);
  const namespace = input.namespace ?? input.name;
  const dir = serviceDir(layout, input.name);
  const store = settings.secretStore;
  const files: ManifestFile[] = namespaceFiles(layout, {
    namespace,
    who,
    traffic: input.traffic,
    port: input.port,
    teamClusterRole: settings.teamClusterRole,
    ingressNamespace: settings.ingressNamespace,
    postgresNamespace:
      input.storage === 'postgresql' ? settings.postgresNamespace : undefined,
    objectStorage: input.storage === 'object-storage',
  });

  const externalSecretFile = (
    name: string,
    data: Parameters<typeof buildExternalSecret>[0]['data'],
  ): ManifestFile => ({
    path: `${dir}/externalsecret-${name}.yaml`,
    object: buildExternalSecret({
      name,
      namespace,
      who,
      targetName: name,
      store,
      refreshInterval: '1h',
      data,
    }),
  });

  const envFromSecrets: string[] = [];
  const secretEnv: Array<{ env: string; secretName: string; key: string }> = [];
  if (input.storage !== 'none') {
    const creds = STORAGE_CREDENTIALS[input.storage];
    const name = `${input.name}-${creds.suffix}`;
    envFromSecrets.push(name);
    files.push(
      externalSecretFile(
        name,
        Object.entries(creds.keys).map(([secretKey, property]) => ({
          secretKey,
          remoteKey: `${remoteKeyRoot(settings.remoteKeyPrefix, who)}${
            creds.suffix
          }`,
          property,
        })),
      ),
    );
  }
  if (input.extraSecrets.length > 0) {
    const name = `${input.name}-secrets`;
    for (const s of input.extraSecrets) {
      secretEnv.push({ env: s.secretKey, secretName: name, key: s.secretKey });
    }
    files.push(
      externalSecretFile(
        name,
        // Idempotent for keys the action already forced; refuses any other prefix.
        forceRemoteKeys(
          'portico:service:manifests',
          settings.remoteKeyPrefix,
          who,
          input.extraSecrets,
          'extraSecrets',
        ),
      ),
    );
  }

  const workload = {
    namespace,
    who,
    traffic: input.traffic,
    image:
      input.image ??
      `${settings.imageRepository}/${input.name}:${INITIAL_IMAGE_TAG}`,
    port: input.port,
    healthPath: input.healthPath,
    description: input.description,
    envFromSecrets,
    secretEnv,
  };
  files.push(
    { path: `${dir}/deployment.yaml`, object: buildDeployment(workload) },
    { path: `${dir}/service.yaml`, object: buildService(workload) },
    { path: `${dir}/hpa.yaml`, object: buildHpa(workload) },
    { path: `${dir}/pdb.yaml`, object: buildPodDisruptionBudget(workload) },
    {
      path: applicationFile(layout, input.name),
      object: buildArgocdApplication({
        who,
        argocdNamespace: layout.argocdNamespace,
        repoURL: layout.repoURL,
        targetRevision: layout.branch,
        path: dir,
        destinationServer: layout.destinationServer,
        destinationNamespace: namespace,
      }),
    },
  );
  return { namespace, gitopsPath: dir, applicationName: input.name, files };
}
