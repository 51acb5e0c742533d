import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  ownerRefOfEntity,
  type PlatformRolesService,
} from '@internal/plugin-portico-node';

/**
 * Whether the caller may see an entity's security findings in detail: members of its owning group
 * (or the owning user), platform admins, and auditors when `auditors` is set.
 */
export async function canSeeDetails(
  roles: PlatformRolesService,
  entity: Entity,
  credentials: BackstageCredentials,
  options: { auditors?: boolean } = {},
): Promise<boolean> {
  const caller = await roles.rolesOf(credentials);
  if (caller.isAdmin || (options.auditors && caller.isAuditor)) return true;
  const owner = ownerRefOfEntity(entity);
  if (!owner) return false;
  return (
    caller.groups.includes(owner) ||
    caller.userEntityRef?.toLocaleLowerCase('en-US') === owner
  );
}
