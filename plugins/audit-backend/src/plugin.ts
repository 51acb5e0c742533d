import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { auditLogReadPermission } from '@internal/plugin-portico-permissions-common';
import { auditEventQueueServiceRef } from '@internal/plugin-audit-node';
import { createRouter } from './service/router';
import { startAuditService } from './service/startAuditService';

/**
 * The audit log: stores every plugin's audit events (queued by the auditor of
 * `@internal/plugin-audit-node`) hash-chained in PostgreSQL, and serves them to auditors at
 * `/api/audit`.
 *
 * @public
 */
export const auditPlugin = createBackendPlugin({
  pluginId: 'audit',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        queue: auditEventQueueServiceRef,
      },
      async init(deps) {
        deps.permissionsRegistry.addPermissions([auditLogReadPermission]);
        const service = await startAuditService(deps);
        deps.httpRouter.use(
          await createRouter({
            service,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
          }),
        );
      },
    });
  },
});
