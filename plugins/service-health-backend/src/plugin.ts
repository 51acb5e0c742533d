import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { platformRolesServiceRef } from '@internal/plugin-portico-node';
import { createRouter } from './service/router';
import { startGithubSource } from './service/startGithubSource';
import { GithubRepoStore } from './store/GithubRepoStore';

/**
 * Service health at a glance (plugin id `service-health`): the GitHub source (commits, workflow
 * runs, code-scanning alerts of annotated components) read on a schedule by one replica at a
 * time into the plugin's database, and the routes that serve it from there.
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
      },
      async init(deps) {
        const store = await GithubRepoStore.create(deps.database);
        const config = await startGithubSource({ ...deps, store });
        deps.httpRouter.use(
          createRouter({
            config,
            store,
            catalog: deps.catalog,
            httpAuth: deps.httpAuth,
            roles: deps.roles,
          }),
        );
      },
    });
  },
});
