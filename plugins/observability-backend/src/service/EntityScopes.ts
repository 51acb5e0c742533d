import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  type CompoundEntityRef,
  type Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  teamOfEntity,
  type TeamNamespacesService,
} from '@internal/plugin-portico-node';
import { entityScope, type EntityScope } from '../query/entitySelector';
import type { SelectorDefaults } from '../query/entitySelector';

/** An entity as the caller may see it in the catalog. */
export interface ReadEntity {
  entity: Entity;
  ref: string;
}

/** An entity with what its queries may read (see {@link EntityScope}). */
export interface ResolvedEntity extends ReadEntity, EntityScope {}

/**
 * The one entity → scope resolution of every signal: the entity read with the caller's
 * credentials, its owning team (`teamOfEntity`, the platform's rule) and the namespaces the team
 * holds (`portico.teamNamespaces`), narrowed by the entity's annotations.
 */
export class EntityScopes {
  constructor(
    private readonly catalog: CatalogService,
    private readonly teamNamespaces: TeamNamespacesService,
    private readonly selector: SelectorDefaults,
  ) {}

  /** Reads the entity with the caller's credentials; 404 when missing or not visible. */
  async readEntity(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<ReadEntity> {
    const entity = await this.catalog.getEntityByRef(ref, { credentials });
    if (!entity) {
      throw new NotFoundError(`No entity ${stringifyEntityRef(ref)}`);
    }
    return { entity, ref: stringifyEntityRef(entity) };
  }

  /**
   * What the entity's queries may read: the namespaces its owning team holds, narrowed by its
   * annotations; 400 for a malformed annotation, 403 for one naming a namespace outside the
   * team's.
   */
  async scope(read: ReadEntity): Promise<ResolvedEntity> {
    return { ...read, ...(await this.scopeOf(read.entity)) };
  }

  /** {@link readEntity} then {@link scope}. */
  async resolveEntity(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<ResolvedEntity> {
    return this.scope(await this.readEntity(ref, credentials));
  }

  /**
   * The scope of entities already read (a roll-up over many), each team's namespaces asked once
   * per roll-up.
   */
  rollup(): (entity: Entity) => Promise<EntityScope> {
    const held = new Map<string, Promise<string[]>>();
    return entity =>
      this.scopeOf(entity, team => {
        let found = held.get(team);
        if (!found) {
          found = this.teamNamespaces.namespacesOf(team);
          held.set(team, found);
        }
        return found;
      });
  }

  private async scopeOf(
    entity: Entity,
    namespacesOf = (team: string) => this.teamNamespaces.namespacesOf(team),
  ): Promise<EntityScope> {
    const team = teamOfEntity(entity);
    const held = team ? await namespacesOf(team) : [];
    return entityScope(entity, this.selector, team, held);
  }
}
