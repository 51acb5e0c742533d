/*
 * Portico backend: wiring only. Every capability lives in a plugin or module under plugins/.
 */
import { createBackend } from '@backstage/backend-defaults';
import { authModuleDexProvider } from '@internal/plugin-auth-backend-module-dex-provider';
import { strictRootConfigServiceFactory } from '@internal/config-validation-node';
import { permissionModulePorticoPolicy } from '@internal/plugin-permission-backend-module-portico';
import { auditPlugin } from '@internal/plugin-audit-backend';
import { auditorServiceFactory } from '@internal/plugin-audit-node';
import { scaffolderModulePlatform } from '@internal/plugin-scaffolder-backend-module-platform';
import { observabilityPlugin } from '@internal/plugin-observability-backend';
import { argocdPlugin } from '@internal/plugin-argocd-backend';
import { provisioningPlugin } from '@internal/plugin-provisioning-backend';
import { scaffolderModuleArgoEvents } from '@internal/plugin-scaffolder-backend-module-argo-events';

const backend = createBackend();

// Unknown config keys, and unset environment variables in production, stop the start naming them.
backend.add(strictRootConfigServiceFactory);

// Audit: every plugin's auditor events are logged and stored, hash-chained, in the database.
backend.add(auditorServiceFactory);
backend.add(auditPlugin);

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Sign-in: Dex (OIDC) in production, guest in development only.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(authModuleDexProvider);
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// Catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// Software templates
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
// Portico platform actions: service manifests, ExternalSecrets, GitOps commit, scoped Git tokens,
// loopback publisher (plugins/scaffolder-backend-module-platform/ACTIONS.md).
backend.add(scaffolderModulePlatform);

// Docs
backend.add(import('@backstage/plugin-techdocs-backend'));

// Permissions: everyone signed in reads, owners act, admins override
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionModulePorticoPolicy);

// Search: PostgreSQL engine in production (Lunr in memory on SQLite), catalog + TechDocs collators
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

// Kubernetes
backend.add(import('@backstage/plugin-kubernetes-backend'));

// User settings, notifications, signals, MCP actions
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// Provisioning: runs delivered to the Argo Events webhook through a PostgreSQL outbox, progress
// reported back by the workflow; the scaffolder action argo-events:trigger starts them.
backend.add(provisioningPlugin);
backend.add(scaffolderModuleArgoEvents);

// Argo CD status: one cached view per instance (refreshed by one replica at a time), Portico's
// status API and the routes Roadie's Argo CD card calls; owner-only, audited sync and refresh.
backend.add(argocdPlugin);

// Observability: metrics (Prometheus), logs (Loki), Grafana panels and cost per service, from
// platform query templates; upstream URLs and credentials stay on the server.
backend.add(observabilityPlugin);

backend.start().catch(error => {
  // A configuration error is a message for the operator, not a stack trace.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
