import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { teamNamespacesServiceRef } from '@internal/plugin-portico-node';
import { observabilityLogsReadPermission } from '@internal/plugin-portico-permissions-common';
import { readObservabilityConfig } from './config/ObservabilityConfig';
import { createRouter } from './routes/createRouter';
import { createObservabilityServices } from './service/ObservabilityServices';
import { GrafanaRenderer } from './upstream/GrafanaRenderer';
import { LokiClient } from './upstream/LokiClient';
import { PrometheusClient } from './upstream/PrometheusClient';

/**
 * Metrics, logs, Grafana panels and cost per service at `/api/observability`. PromQL and LogQL
 * are built on the server from platform templates and the entity's escaped selector, within the
 * namespaces the entity's owning team holds (`teamNamespacesServiceRef`); Prometheus, Loki and
 * Grafana URLs and credentials never reach the browser.
 *
 * @public
 */
export const observabilityPlugin = createBackendPlugin({
  pluginId: 'observability',
  register(env) {
    env.registerInit({
      deps: {
        rootConfig: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        teamNamespaces: teamNamespacesServiceRef,
      },
      async init(deps) {
        const config = readObservabilityConfig(deps.rootConfig);
        deps.permissionsRegistry.addPermissions([
          observabilityLogsReadPermission,
        ]);
        const logger = deps.logger;
        const services = createObservabilityServices({
          config,
          catalog: deps.catalog,
          teamNamespaces: deps.teamNamespaces,
          prometheus:
            config.prometheus &&
            new PrometheusClient(config.prometheus, logger),
          loki: config.loki && new LokiClient(config.loki, logger),
          grafana:
            config.grafana?.embedMode === 'render-proxy'
              ? new GrafanaRenderer(config.grafana, logger)
              : undefined,
        });
        logger.info('Observability configured', {
          prometheus: Boolean(config.prometheus),
          loki: Boolean(config.loki),
          grafana: config.grafana?.embedMode ?? 'off',
        });
        deps.httpRouter.use(
          await createRouter({
            services,
            config,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
          }),
        );
      },
    });
  },
});
