import {
  AuthorizeResult,
  isPermission,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
  RESOURCE_TYPE_CATALOG_ENTITY,
} from '@backstage/plugin-catalog-common/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  createScaffolderTaskConditionalDecision,
  scaffolderTaskConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import { RESOURCE_TYPE_SCAFFOLDER_TASK } from '@backstage/plugin-scaffolder-common/alpha';
import {
  auditLogReadPermission,
  ownerOnlyEntityPermissions,
} from '@internal/plugin-portico-permissions-common';
import type { PlatformRolesService } from '@internal/plugin-portico-node';

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

const OWNER_ONLY = new Set(ownerOnlyEntityPermissions.map(p => p.name));

/**
 * Permissions only admins get: direct cluster credentials, and changing which locations the
 * catalog reads (registering, editing or deleting a location). A developer registers a service's
 * entities through `@internal/plugin-catalog-backend-module-portico`, which checks that every
 * entity is a Component, API or Resource owned by one of the developer's groups and then
 * registers it with the catalog's own credentials.
 */
const ADMIN_ONLY = new Set([
  'kubernetes.proxy',
  catalogLocationCreatePermission.name,
  catalogLocationDeletePermission.name,
]);

/**
 * Portico's access policy:
 * - anonymous callers get nothing;
 * - admins (catalog members of `portico.access.adminGroups`) may do everything;
 * - the audit log is for admins and the catalog members of the auditor groups;
 * - registering, editing and deleting catalog locations and the Kubernetes proxy are admin-only;
 * - every signed-in user may read entities (catalog, docs, API specs, status, metrics);
 * - a scaffolder task (reading it, its logs, cancelling, retrying it) is for the user who started
 *   it: the scaffolder's own isTaskOwner condition, so task lists are filtered in its database.
 *   A task's parameters and logs may show its inputs, and cancelling another's run is acting on
 *   it;
 * - acting on an entity (changing, deleting, refreshing it, and Portico's own entity actions such
 *   as Argo CD sync, reading logs, provisioning, secrets) is for its owners: the user or one of
 *   their groups. This is answered as a condition (isEntityOwner), so lists are filtered by the
 *   catalog in the database rather than per row;
 * - anything else (running templates, search, ...) is allowed to signed-in users; the plugins
 *   behind them enforce ownership where it matters.
 * Who is admin or auditor is decided in one place, {@link PlatformRolesService}, from the
 * catalog's membership relations, never from groups the sign-in token claims.
 * Service principals do not reach a policy: the permission framework decides them by their
 * `accessRestrictions` (the production static key may only read). So every route that acts or
 * reveals something sensitive accepts users only (Portico's own routes, and the upstream ones
 * through `createUserOnlyRoutes` of `@internal/plugin-portico-node`: catalog changes, scaffolder
 * tasks, the Kubernetes proxy), besides the subjects `portico.access.serviceSubjects` lists.
 */
export class PorticoPermissionPolicy implements PermissionPolicy {
  constructor(private readonly roles: PlatformRolesService) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) {
      return DENY;
    }
    const roles = await this.roles.rolesOf(user.credentials);
    if (roles.isAdmin) {
      return ALLOW;
    }
    const { permission } = request;

    if (isPermission(permission, auditLogReadPermission)) {
      return roles.isAuditor ? ALLOW : DENY;
    }
    if (ADMIN_ONLY.has(permission.name)) {
      return DENY;
    }
    if (isResourcePermission(permission, RESOURCE_TYPE_SCAFFOLDER_TASK)) {
      return createScaffolderTaskConditionalDecision(
        permission,
        scaffolderTaskConditions.isTaskOwner({
          createdBy: [user.info.userEntityRef],
        }),
      );
    }
    if (isResourcePermission(permission, RESOURCE_TYPE_CATALOG_ENTITY)) {
      if (
        permission.attributes.action === 'read' &&
        !OWNER_ONLY.has(permission.name)
      ) {
        return ALLOW;
      }
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({
          claims: [...user.info.ownershipEntityRefs],
        }),
      );
    }
    return ALLOW;
  }
}
