import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  argocdApplicationRefreshPermission,
  argocdApplicationSyncPermission,
} from '@internal/plugin-portico-permissions-common';
import { createRouter } from './service/router';
import { startArgoService } from './service/startArgoService';

/**
 * Argo CD deployment status (plugin id `argocd`): one cached view per configured instance,
 * followed through its watch stream (one replica at a time) and pushed to pages as signals, Portico's API and the routes
 * `@roadiehq/backstage-plugin-argo-cd` calls, owner-only audited sync and hard refresh.
 *
 * @public
 */
export const argocdPlugin = createBackendPlugin({
  pluginId: 'argocd',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
      },
      async init(deps) {
        deps.permissionsRegistry.addPermissions([
          argocdApplicationSyncPermission,
          argocdApplicationRefreshPermission,
        ]);
        const service = await startArgoService(deps);
        deps.httpRouter.use(
          await createRouter({
            service,
            catalog: deps.catalog,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
          }),
        );
      },
    });
  },
});
