import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  platformRolesServiceRef,
  teamNamespacesServiceRef,
} from '@internal/plugin-portico-node';
import { createBlastRadiusRouter } from './service/blastRadiusRouter';
import { createClusterRouter } from './service/clusterRouter';
import { startClusterSource } from './service/startClusterSource';
import { createRouter } from './service/router';
import { startGithubSource } from './service/startGithubSource';
import { GithubRepoStore } from './store/GithubRepoStore';
import { VulnerabilityStore } from './store/VulnerabilityStore';

/**
 * Service health at a glance (plugin id `service-health`): the GitHub source (commits, workflow
 * runs, code-scanning alerts of annotated components) and the cluster source (CVEs in the running
 * images, from trivy-operator) read on a schedule by one replica at a time into the plugin's
 * database, the routes that serve them from there, and blast radius from the catalog's relations.
 *
 * @public
 */
export const serviceHealthPlugin = createBackendPlugin({
  pluginId: 'service-health',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        catalog: catalogServiceRef,
        roles: platformRolesServiceRef,
        teamNamespaces: teamNamespacesServiceRef,
      },
      async init(deps) {
        const store = await GithubRepoStore.create(deps.database);
        const config = await startGithubSource({ ...deps, store });
        // The cluster source (CVEs in the running images), blast radius.
        const vulnerabilities = new VulnerabilityStore(
          await deps.database.getClient(),
        );
        const cluster = await startClusterSource({
          ...deps,
          store: vulnerabilities,
        });
        deps.httpRouter.use(
          createRouter({
            config,
            store,
            catalog: deps.catalog,
            httpAuth: deps.httpAuth,
            roles: deps.roles,
            cluster: {
              configured: cluster !== undefined,
              store: vulnerabilities,
            },
          }),
        );
        deps.httpRouter.use(
          createClusterRouter({
            configured: cluster !== undefined,
            store: vulnerabilities,
            catalog: deps.catalog,
            httpAuth: deps.httpAuth,
            roles: deps.roles,
          }),
        );
        deps.httpRouter.use(
          createBlastRadiusRouter({
            catalog: deps.catalog,
            auth: deps.auth,
            httpAuth: deps.httpAuth,
          }),
        );
      },
    });
  },
});
