import {
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { secretCreatePermission } from '@internal/plugin-portico-permissions-common';
import {
  CatalogPlatformRoles,
  PlatformRolesService,
} from '@internal/plugin-portico-node';

interface OwnerDecision {
  owner: string;
  viaAdmin: boolean;
}

function groupRef(value: string): string {
  return stringifyEntityRef(
    parseEntityRef(value, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    }),
  );
}

/**
 * Decides whether the task's initiator may act for a team: the team must be one of the user's
 * ownership refs (their groups), or the user must be a Portico admin. Who is an admin is the
 * platform's {@link PlatformRolesService} (catalog membership of the admin groups, never groups
 * the sign-in token claims).
 */
export class OwnerCheck {
  private readonly roles: PlatformRolesService;

  constructor(
    private readonly deps: {
      userInfo: UserInfoService;
      permissions: PermissionsService;
      catalog: CatalogService;
      /** The admin decision; default: catalog membership of `adminGroups`. */
      roles?: PlatformRolesService;
      adminGroups?: ReadonlySet<string>;
    },
  ) {
    this.roles =
      deps.roles ??
      new CatalogPlatformRoles({
        catalog: deps.catalog,
        groups: {
          adminGroups:
            deps.adminGroups ?? new Set(['group:default/portico-admins']),
          auditorGroups: new Set(),
        },
      });
  }

  private async userRefs(credentials: BackstageCredentials, field: string) {
    if (
      credentials.principal &&
      (credentials.principal as { type?: string }).type !== 'user'
    ) {
      throw new NotAllowedError(
        `input.${field}: only a signed-in user can choose an owning team; this task was started by a service`,
      );
    }
    const info = await this.deps.userInfo.getUserInfo(credentials);
    return info;
  }

  /** The owner group must be one of the caller's groups (or the caller an admin). */
  async verifyOwner(
    credentials: BackstageCredentials,
    owner: string,
    field = 'owner',
  ): Promise<OwnerDecision> {
    let ref: string;
    try {
      ref = groupRef(owner);
    } catch {
      throw new InputError(
        `input.${field}: "${owner}" is not a group entity ref`,
      );
    }
    if (!ref.startsWith('group:')) {
      throw new InputError(
        `input.${field}: the owner must be a group, not ${ref}`,
      );
    }
    const info = await this.userRefs(credentials, field);
    if (info.ownershipEntityRefs.includes(ref)) {
      return { owner: ref, viaAdmin: false };
    }
    if (await this.roles.isAdmin(credentials)) {
      return { owner: ref, viaAdmin: true };
    }
    throw new NotAllowedError(
      `input.${field}: you (${info.userEntityRef}) are not a member of ${ref}; choose one of your own groups`,
    );
  }

  /** The caller must own an existing entity (owner-only Portico permission on it). */
  async verifyEntityOwner(
    credentials: BackstageCredentials,
    entityRef: string,
    field = 'entityRef',
  ): Promise<OwnerDecision> {
    const info = await this.userRefs(credentials, field);
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(
        `input.${field}: ${entityRef} is not in the catalog`,
      );
    }
    const ownerValue = (entity.spec as { owner?: unknown } | undefined)?.owner;
    if (typeof ownerValue !== 'string') {
      throw new InputError(`input.${field}: ${entityRef} has no spec.owner`);
    }
    const [decision] = await this.deps.permissions.authorize(
      [
        {
          permission: secretCreatePermission,
          resourceRef: stringifyEntityRef(entity),
        },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `input.${field}: you (${info.userEntityRef}) do not own ${entityRef}; its owner is ${ownerValue}`,
      );
    }
    const owner = groupRef(ownerValue);
    const viaAdmin =
      !info.ownershipEntityRefs.includes(owner) &&
      (await this.roles.isAdmin(credentials));
    return { owner, viaAdmin };
  }
}
