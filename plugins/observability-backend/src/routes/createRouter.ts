import type {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type express from 'express';
import Router from 'express-promise-router';
import type { ObservabilityConfig } from '../config/ObservabilityConfig';
import type { ObservabilityServices } from '../service/ObservabilityServices';
import { RateLimiter } from '../service/RateLimiter';
import { createAudited } from './auditedRoute';
import { registerCostRoutes } from './costRoutes';
import { registerLogsRoutes } from './logsRoutes';
import { registerMetricsRoutes } from './metricsRoutes';
import { registerPanelsRoutes } from './panelsRoutes';
import { createWindows, type RouteContext } from './requestParts';
import { upstreamErrorHandler } from './upstreamErrorHandler';

export interface RouterOptions {
  services: ObservabilityServices;
  config: ObservabilityConfig;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
}

/**
 * The observability API. Everyone signed in reads metrics, panels and cost of the entities the
 * catalog lets them see (the entity is read with their credentials), always within the
 * namespaces the entity's owning team holds; logs need a user with the owner-only
 * `observability.logs.read` permission and every logs read is audited. Every route counts
 * against its caller's rate limit, and every refusal of a known caller is audited (one wrapper,
 * `createAudited`): successful reads of metrics, summary, cost and panels are not (anyone
 * signed in may read them; recording each would only bury the records that matter).
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { services, config, httpAuth, permissions, auditor } = options;
  const router = Router();

  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'private, no-store');
    next();
  });

  const context: RouteContext = {
    router,
    audited: createAudited({
      httpAuth,
      auditor,
      limiter: new RateLimiter(config.rateLimit),
    }),
    services,
    config,
    windows: createWindows(config, services.nowSeconds),
  };
  registerMetricsRoutes(context);
  registerLogsRoutes({ ...context, permissions });
  registerPanelsRoutes(context);
  registerCostRoutes(context);

  router.use(upstreamErrorHandler());
  return router;
}
