import { ServiceInput } from '../actions/schemas';
import { PlatformSettings } from '../config';
import { buildArgocdApplication } from './argocdApplication';
import { buildExternalSecret, STORAGE_CREDENTIALS } from './externalSecret';
import { ownership } from './labels';
import { applicationFile, GitopsLayout, serviceDir } from './layout';
import {
  buildNamespace,
  buildNetworkPolicies,
  buildResourceQuota,
  buildRoleBinding,
  NamespaceOptions,
} from './namespace';
import { ManifestFile } from './serialise';
import { buildDeployment, buildHpa, buildService } from './workload';

export interface ServiceManifests {
  namespace: string;
  gitopsPath: string;
  applicationName: string;
  files: ManifestFile[];
}

/** Namespace-level objects (portico:namespace:create uses these alone). */
export function namespaceFiles(
  dir: string,
  o: NamespaceOptions,
): ManifestFile[] {
  return [
    { path: `${dir}/namespace.yaml`, object: buildNamespace(o) },
    { path: `${dir}/rolebinding.yaml`, object: buildRoleBinding(o) },
    { path: `${dir}/resourcequota.yaml`, object: buildResourceQuota(o) },
    ...buildNetworkPolicies(o).map(p => ({
      path: `${dir}/networkpolicy-${p.suffix}.yaml`,
      object: p.object,
    })),
  ];
}

/** Every object of a service, in apply order, with its GitOps path. Input is already validated. */
export function buildServiceManifests(
  input: ServiceInput,
  settings: PlatformSettings,
  layout: GitopsLayout,
): ServiceManifests {
  const who = ownership(input.name, input.owner);
  const namespace = input.namespace ?? input.name;
  const dir = serviceDir(layout, input.name);
  const store = input.secretStore ?? settings.secretStore;
  const files: ManifestFile[] = namespaceFiles(dir, {
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

  const envFromSecrets: string[] = [];
  const secretEnv: Array<{ env: string; secretName: string; key: string }> = [];
  if (input.storage !== 'none') {
    const creds = STORAGE_CREDENTIALS[input.storage];
    const name = `${input.name}-${creds.suffix}`;
    envFromSecrets.push(name);
    files.push({
      path: `${dir}/externalsecret-${name}.yaml`,
      object: buildExternalSecret({
        name,
        namespace,
        who,
        targetName: name,
        store,
        refreshInterval: '1h',
        data: Object.entries(creds.keys).map(([secretKey, property]) => ({
          secretKey,
          remoteKey: `${settings.remoteKeyPrefix}/${input.name}/${creds.suffix}`,
          property,
        })),
      }),
    });
  }
  if (input.extraSecrets.length > 0) {
    const name = `${input.name}-secrets`;
    for (const s of input.extraSecrets) {
      secretEnv.push({ env: s.secretKey, secretName: name, key: s.secretKey });
    }
    files.push({
      path: `${dir}/externalsecret-${name}.yaml`,
      object: buildExternalSecret({
        name,
        namespace,
        who,
        targetName: name,
        store,
        refreshInterval: '1h',
        data: input.extraSecrets,
      }),
    });
  }

  const workload = {
    namespace,
    who,
    traffic: input.traffic,
    image: input.image ?? `${settings.imageRepository}/${input.name}:latest`,
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
    {
      path: applicationFile(layout, input.name),
      object: buildArgocdApplication({
        who,
        argocdNamespace: layout.argocdNamespace,
        project: layout.argocdProject,
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
