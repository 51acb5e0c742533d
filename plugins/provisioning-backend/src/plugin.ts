import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { provisioningRunCreatePermission } from '@internal/plugin-portico-permissions-common';
import { teamNamespacesServiceRef } from '@internal/plugin-portico-node';
import { CallbackGuard } from './callback/CallbackGuard';
import { TemplateRegistry } from './templates/TemplateRegistry';
import { CALLBACK_PATH, createRouter } from './service/router';
import { startProvisioning } from './service/startProvisioning';

/**
 * Provisioning runs: recorded with an outbox entry in one transaction, delivered to the Argo Events
 * webhook EventSource by a dispatcher that is safe on several replicas, and followed through the
 * workflow's callbacks (`/api/provisioning`).
 *
 * @public
 */
export const provisioningPlugin = createBackendPlugin({
  pluginId: 'provisioning',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        teamNamespaces: teamNamespacesServiceRef,
      },
      async init(deps) {
        deps.permissionsRegistry.addPermissions([
          provisioningRunCreatePermission,
        ]);
        // Read first: a bad schema stops the backend before anything starts.
        const templates = TemplateRegistry.fromConfig(deps.config);
        const { service, config } = await startProvisioning({
          ...deps,
          templates,
        });
        // The workflow has no Backstage token: the route checks the run's own token.
        deps.httpRouter.addAuthPolicy({
          path: CALLBACK_PATH,
          allow: 'unauthenticated',
        });
        deps.httpRouter.use(
          await createRouter({
            service,
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            guard: new CallbackGuard({
              perSourceIp: config.refusalsPerSourceIp,
              perRun: config.refusalsPerRun,
              windowMs: config.refusalWindowMs,
              logger: deps.logger.child({ component: 'provisioning-callback' }),
            }),
          }),
        );
      },
    });
  },
});
