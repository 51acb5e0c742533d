import { createPermission } from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';

/*
 * Portico's own actions. Each one that acts on a service is a resource permission on its catalog
 * entity, so the policy can answer "only the owners" as a condition (isEntityOwner) that the
 * catalog evaluates in the database.
 */

/** Trigger an Argo CD sync of an entity's applications. */
export const argocdApplicationSyncPermission = createPermission({
  name: 'argocd.application.sync',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Ask Argo CD for a hard refresh of an entity's applications. */
export const argocdApplicationRefreshPermission = createPermission({
  name: 'argocd.application.refresh',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Read the log lines of an entity's workloads. */
export const observabilityLogsReadPermission = createPermission({
  name: 'observability.logs.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Start a provisioning run (Argo Events) for an entity. */
export const provisioningRunCreatePermission = createPermission({
  name: 'provisioning.run.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Create secret material (an ExternalSecret) for an entity: checked by the platform's owner step
 * (`portico:owner:verify`) of the add-secret template. Nothing in the portal shows secret
 * material, so there is no permission to read it; running a template for a team is decided by
 * team membership (the owner step), not by a permission on an entity.
 */
export const secretCreatePermission = createPermission({
  name: 'portico.secret.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Read the audit log (admins and the configured auditor groups). */
export const auditLogReadPermission = createPermission({
  name: 'audit.log.read',
  attributes: { action: 'read' },
});

/**
 * Entity permissions that only the owners (and admins) are granted, even though some of them
 * only read: their data is sensitive.
 */
export const ownerOnlyEntityPermissions = [
  argocdApplicationSyncPermission,
  argocdApplicationRefreshPermission,
  observabilityLogsReadPermission,
  provisioningRunCreatePermission,
  secretCreatePermission,
];

/** Every permission Portico defines; each is enforced by some route (the access matrix shows its 403). */
export const porticoPermissions = [...ownerOnlyEntityPermissions, auditLogReadPermission];
