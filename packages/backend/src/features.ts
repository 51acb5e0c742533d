/*
 * Every feature of the Portico backend, in the order index.ts adds them. The one list: index.ts
 * starts it, and the cross-plugin tests (src/integration: the attack suite, the access matrix) start the
 * same list with a test configuration, so what they prove holds for the backend that ships.
 */
import type { createBackend } from '@backstage/backend-defaults';
import appBackend from '@backstage/plugin-app-backend';
import proxyBackend from '@backstage/plugin-proxy-backend';
import authBackend from '@backstage/plugin-auth-backend';
import authBackendModuleGuestProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import catalogBackend from '@backstage/plugin-catalog-backend';
import catalogBackendModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import catalogBackendModuleLogs from '@backstage/plugin-catalog-backend-module-logs';
import scaffolderBackend from '@backstage/plugin-scaffolder-backend';
import scaffolderBackendModuleGithub from '@backstage/plugin-scaffolder-backend-module-github';
import scaffolderBackendModuleNotifications from '@backstage/plugin-scaffolder-backend-module-notifications';
import techdocsBackend from '@backstage/plugin-techdocs-backend';
import permissionBackend from '@backstage/plugin-permission-backend';
import searchBackend from '@backstage/plugin-search-backend';
import searchBackendModulePg from '@backstage/plugin-search-backend-module-pg';
import searchBackendModuleCatalog from '@backstage/plugin-search-backend-module-catalog';
import searchBackendModuleTechdocs from '@backstage/plugin-search-backend-module-techdocs';
import kubernetesBackend from '@backstage/plugin-kubernetes-backend';
import userSettingsBackend from '@backstage/plugin-user-settings-backend';
import notificationsBackend from '@backstage/plugin-notifications-backend';
import signalsBackend from '@backstage/plugin-signals-backend';
import mcpActionsBackend from '@backstage/plugin-mcp-actions-backend';
import { strictRootConfigServiceFactory } from '@internal/config-validation-node';
import { authModuleDexProvider } from '@internal/plugin-auth-backend-module-dex-provider';
import { permissionModulePorticoPolicy } from '@internal/plugin-permission-backend-module-portico';
import { catalogModulePortico } from '@internal/plugin-catalog-backend-module-portico';
import { auditPlugin } from '@internal/plugin-audit-backend';
import { auditorServiceFactory } from '@internal/plugin-audit-node';
import { scaffolderModulePlatform } from '@internal/plugin-scaffolder-backend-module-platform';
import { observabilityPlugin } from '@internal/plugin-observability-backend';
import { kubernetesModulePortico } from '@internal/plugin-kubernetes-backend-module-portico';
import { searchModulePortico } from '@internal/plugin-search-backend-module-portico';
import { argocdPlugin } from '@internal/plugin-argocd-backend';
import { provisioningPlugin } from '@internal/plugin-provisioning-backend';
import { scaffolderModuleArgoEvents } from '@internal/plugin-scaffolder-backend-module-argo-events';
import { serviceHealthPlugin } from '@internal/plugin-service-health-backend';

/** What `backend.add` takes. */
export type PorticoFeature = Parameters<
  ReturnType<typeof createBackend>['add']
>[0];

/**
 * Imported statically rather than with `import()`, so that Jest (which cannot load dynamic
 * imports) starts the very same list.
 */
export const features: PorticoFeature[] = [
  // Unknown config keys, and unset environment variables in production, stop the start naming them.
  strictRootConfigServiceFactory,

  // Audit: every plugin's auditor events are logged and stored, hash-chained, in the database.
  auditorServiceFactory,
  auditPlugin,

  appBackend,
  proxyBackend,

  // Sign-in: Dex (OIDC) in production, guest in development only.
  authBackend,
  authModuleDexProvider,
  authBackendModuleGuestProvider,

  // Catalog
  catalogBackend,
  catalogBackendModuleScaffolderEntityModel,
  catalogBackendModuleLogs,
  // A developer registers only their teams' Components/APIs/Resources; Users have unique emails.
  catalogModulePortico,

  // Software templates
  scaffolderBackend,
  scaffolderBackendModuleGithub,
  scaffolderBackendModuleNotifications,
  // Portico platform actions: service manifests, ExternalSecrets, GitOps commit, scoped Git tokens,
  // loopback publisher (plugins/scaffolder-backend-module-platform/ACTIONS.md).
  scaffolderModulePlatform,

  // Docs
  techdocsBackend,

  // Permissions: everyone signed in reads, owners act, admins override
  permissionBackend,
  permissionModulePorticoPolicy,

  // Search: PostgreSQL engine in production (Lunr in memory on SQLite), catalog + TechDocs collators
  searchBackend,
  searchBackendModulePg,
  searchBackendModuleCatalog,
  searchBackendModuleTechdocs,
  searchModulePortico,

  // Kubernetes
  kubernetesBackend,
  kubernetesModulePortico,

  // User settings, notifications, signals, MCP actions
  userSettingsBackend,
  notificationsBackend,
  signalsBackend,
  mcpActionsBackend,

  // Provisioning: runs delivered to the Argo Events webhook through a PostgreSQL outbox, progress
  // reported back by the workflow; the scaffolder action argo-events:trigger starts them.
  provisioningPlugin,
  scaffolderModuleArgoEvents,

  // Argo CD status: one cached view per instance (refreshed by one replica at a time), Portico's
  // status API and the routes Roadie's Argo CD card calls; owner-only, audited sync and refresh.
  argocdPlugin,

  // Observability: metrics (Prometheus), logs (Loki), Grafana panels and cost per service, from
  // platform query templates; upstream URLs and credentials stay on the server.
  observabilityPlugin,

  // Service health at a glance: GitHub commits, CI runs and code-scanning alerts (and the other
  // sources of issue 15) read on a schedule by one replica at a time, served from the database.
  serviceHealthPlugin,
];
