import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { KubernetesTeamNamespaces } from './KubernetesTeamNamespaces';
import { StaticTeamNamespaces } from './StaticTeamNamespaces';
import { TeamNamespacesService } from './TeamNamespacesService';

/** Builds the service `portico.teamNamespaces` describes. */
export function createTeamNamespaces(config: Config): TeamNamespacesService {
  const section = config.getOptionalConfig('portico.teamNamespaces');
  const source = section?.getOptionalString('source') ?? 'static';
  if (source === 'kubernetes') {
    const kube = section?.getOptionalConfig('kubernetes');
    return new KubernetesTeamNamespaces({
      url: kube?.getOptionalString('url'),
      token: kube?.getOptionalString('token'),
      caData: kube?.getOptionalString('caData'),
      skipTLSVerify: kube?.getOptionalBoolean('skipTLSVerify'),
      cacheMillis: (section?.getOptionalNumber('cacheSeconds') ?? 30) * 1000,
    });
  }
  if (source !== 'static') {
    throw new Error(
      `portico.teamNamespaces.source must be 'kubernetes' or 'static', not '${source}'`,
    );
  }
  const map: Record<string, string[]> = {};
  const staticConfig = section?.getOptionalConfig('static');
  for (const team of staticConfig?.keys() ?? []) {
    map[team] = staticConfig!.getStringArray(team);
  }
  return new StaticTeamNamespaces(map);
}

/** Which namespaces a team holds (the platform's fact). One instance per backend. */
export const teamNamespacesServiceRef = createServiceRef<TeamNamespacesService>(
  {
    id: 'portico.team-namespaces',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: { config: coreServices.rootConfig },
        factory: ({ config }) => createTeamNamespaces(config),
      }),
  },
);
