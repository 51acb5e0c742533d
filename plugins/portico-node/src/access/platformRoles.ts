import {
  AuthService,
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { CatalogService, catalogServiceRef } from '@backstage/plugin-catalog-node';

/** The groups whose members are Portico admins and auditors, as group entity refs. */
export interface PlatformRoleGroups {
  adminGroups: ReadonlySet<string>;
  auditorGroups: ReadonlySet<string>;
}

function groupRefs(values: string[] | undefined, fallback: string): Set<string> {
  return new Set(
    (values ?? [fallback]).map(value =>
      stringifyEntityRef(
        parseEntityRef(value, { defaultKind: 'group', defaultNamespace: 'default' }),
      ),
    ),
  );
}

/**
 * Reads `portico.access.adminGroups` (default `group:default/portico-admins`) and
 * `portico.access.auditorGroups` (default `group:default/auditors`); names or refs.
 * The keys are declared by `@internal/plugin-permission-backend-module-portico`.
 */
export function readPlatformRoleGroups(config: Config): PlatformRoleGroups {
  return {
    adminGroups: groupRefs(
      config.getOptionalStringArray('portico.access.adminGroups'),
      'group:default/portico-admins',
    ),
    auditorGroups: groupRefs(
      config.getOptionalStringArray('portico.access.auditorGroups'),
      'group:default/auditors',
    ),
  };
}

/** What the platform's catalog says about one caller. */
export interface PlatformRoles {
  /** The caller's User entity, when the caller is a user. */
  userEntityRef?: string;
  /** Groups the User entity is a member of (its `memberOf` relations in the catalog). */
  groups: string[];
  isAdmin: boolean;
  isAuditor: boolean;
}

/**
 * The one place that answers "is this caller a Portico admin / auditor". The answer comes only
 * from the catalog: the caller's User entity and its `memberOf` relations (from the User's
 * `spec.memberOf` and the Groups' `spec.members`), never from claims of the sign-in token or
 * groups an identity provider sent. Users and Groups come only from locations the platform
 * configures (per-location catalog rules), so this membership is the platform's fact.
 * Service principals are neither admins nor auditors (what they may do is their
 * `accessRestrictions`).
 */
export interface PlatformRolesService {
  rolesOf(credentials: BackstageCredentials): Promise<PlatformRoles>;
  isAdmin(credentials: BackstageCredentials): Promise<boolean>;
  isAuditor(credentials: BackstageCredentials): Promise<boolean>;
}

const NO_ROLES: PlatformRoles = { groups: [], isAdmin: false, isAuditor: false };

/** Default seconds a user's catalog membership is kept before it is read again. */
export const PLATFORM_ROLES_CACHE_SECONDS = 10;
/** At most this many users' memberships are cached (oldest evicted first). */
export const PLATFORM_ROLES_CACHE_ENTRIES = 1000;

/** {@link PlatformRolesService} that reads the caller's User entity from the catalog. */
export class CatalogPlatformRoles implements PlatformRolesService {
  readonly #catalog: Pick<CatalogService, 'getEntityByRef'>;
  readonly #auth?: Pick<AuthService, 'getOwnServiceCredentials'>;
  readonly #groups: PlatformRoleGroups;
  readonly #cacheMillis: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #cache = new Map<string, { at: number; roles: Promise<PlatformRoles> }>();

  constructor(options: {
    catalog: Pick<CatalogService, 'getEntityByRef'>;
    groups: PlatformRoleGroups;
    /** When given, the catalog is read with the plugin's own credentials; else the caller's. */
    auth?: Pick<AuthService, 'getOwnServiceCredentials'>;
    cacheSeconds?: number;
    maxEntries?: number;
    now?: () => number;
  }) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#groups = options.groups;
    this.#cacheMillis = (options.cacheSeconds ?? PLATFORM_ROLES_CACHE_SECONDS) * 1000;
    this.#maxEntries = options.maxEntries ?? PLATFORM_ROLES_CACHE_ENTRIES;
    this.#now = options.now ?? Date.now;
  }

  async rolesOf(credentials: BackstageCredentials): Promise<PlatformRoles> {
    const principal = credentials.principal as { type?: string; userEntityRef?: string };
    if (principal?.type !== 'user' || typeof principal.userEntityRef !== 'string') {
      return NO_ROLES;
    }
    const userRef = principal.userEntityRef;
    const now = this.#now();
    const cached = this.#cache.get(userRef);
    if (cached && now - cached.at < this.#cacheMillis) {
      return cached.roles;
    }
    const roles = this.#lookup(userRef, credentials);
    this.#cache.delete(userRef);
    this.#cache.set(userRef, { at: now, roles });
    while (this.#cache.size > this.#maxEntries) {
      this.#cache.delete(this.#cache.keys().next().value!);
    }
    // A failed lookup is not remembered: the next call asks the catalog again.
    roles.catch(() => {
      if (this.#cache.get(userRef)?.roles === roles) this.#cache.delete(userRef);
    });
    return roles;
  }

  async isAdmin(credentials: BackstageCredentials): Promise<boolean> {
    return (await this.rolesOf(credentials)).isAdmin;
  }

  async isAuditor(credentials: BackstageCredentials): Promise<boolean> {
    return (await this.rolesOf(credentials)).isAuditor;
  }

  async #lookup(
    userRef: string,
    callerCredentials: BackstageCredentials,
  ): Promise<PlatformRoles> {
    const credentials = this.#auth
      ? await this.#auth.getOwnServiceCredentials()
      : callerCredentials;
    const entity = await this.#catalog.getEntityByRef(userRef, { credentials });
    if (!entity || entity.kind.toLocaleLowerCase('en-US') !== 'user') {
      return { userEntityRef: userRef, groups: [], isAdmin: false, isAuditor: false };
    }
    const groups = catalogGroupsOf(entity);
    const isAdmin = groups.some(g => this.#groups.adminGroups.has(g));
    return {
      userEntityRef: userRef,
      groups,
      isAdmin,
      isAuditor: isAdmin || groups.some(g => this.#groups.auditorGroups.has(g)),
    };
  }
}

/** The group refs of a User entity's `memberOf` relations, as the catalog holds them. */
export function catalogGroupsOf(entity: Entity): string[] {
  const groups = new Set<string>();
  for (const relation of entity.relations ?? []) {
    if (relation.type !== RELATION_MEMBER_OF) continue;
    try {
      const ref = parseEntityRef(relation.targetRef);
      if (ref.kind.toLocaleLowerCase('en-US') === 'group') {
        groups.add(stringifyEntityRef(ref));
      }
    } catch {
      // not an entity ref: ignored
    }
  }
  return [...groups].sort();
}

/**
 * Portico's admin/auditor decision for a plugin (plugin scope: the catalog is read with that
 * plugin's own service credentials). Override with `createServiceFactory` in tests.
 */
export const platformRolesServiceRef = createServiceRef<PlatformRolesService>({
  id: 'portico.platform-roles',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      factory: ({ config, auth, catalog }) =>
        new CatalogPlatformRoles({
          catalog,
          auth,
          groups: readPlatformRoleGroups(config),
        }),
    }),
});
