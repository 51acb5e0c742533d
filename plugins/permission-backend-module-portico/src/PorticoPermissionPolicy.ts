import { UserInfoService } from '@backstage/backend-plugin-api';
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
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  auditLogReadPermission,
  ownerOnlyEntityPermissions,
} from '@internal/plugin-portico-permissions-common';
import { AccessOptions } from './accessOptions';

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

const OWNER_ONLY = new Set(ownerOnlyEntityPermissions.map(p => p.name));

/** Permissions that reach cluster credentials directly; only admins get them. */
const ADMIN_ONLY = new Set(['kubernetes.proxy']);

/**
 * Portico's access policy:
 * - anonymous callers get nothing;
 * - members of an admin group may do everything;
 * - the audit log is for admins and the auditor groups;
 * - every signed-in user may read entities (catalog, docs, API specs, status, metrics);
 * - acting on an entity (changing, deleting, refreshing it, and Portico's own entity actions such
 *   as Argo CD sync, reading logs, provisioning, secrets) is for its owners: the user or one of
 *   their groups. This is answered as a condition (isEntityOwner), so lists are filtered by the
 *   catalog in the database rather than per row;
 * - anything else (registering a location, running templates, search, ...) is allowed to signed-in
 *   users; the plugins behind them enforce ownership where it matters (e.g. the owner a template
 *   runs for must be one of the caller's groups).
 * Service-to-service calls do not reach a policy: the permission framework allows them, and each
 * Portico route decides which principals it accepts.
 */
export class PorticoPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly userInfo: UserInfoService,
    private readonly options: AccessOptions,
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) {
      return DENY;
    }
    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
      user.credentials,
    );
    const memberOf = (groups: Set<string>) =>
      ownershipEntityRefs.some(ref => groups.has(ref));

    if (memberOf(this.options.adminGroups)) {
      return ALLOW;
    }
    const { permission } = request;

    if (isPermission(permission, auditLogReadPermission)) {
      return memberOf(this.options.auditorGroups) ? ALLOW : DENY;
    }
    if (ADMIN_ONLY.has(permission.name)) {
      return DENY;
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
        catalogConditions.isEntityOwner({ claims: ownershipEntityRefs }),
      );
    }
    return ALLOW;
  }
}
