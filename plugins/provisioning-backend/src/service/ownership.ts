import { type Entity } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  ownerRefOfEntity,
  teamOfGroupRef,
  type TeamNamespacesService,
} from '@internal/plugin-portico-node';

/** The owner of `entity` (first ownedBy relation, else spec.owner), as a full lower-case ref. */
export function ownerOf(entity: Entity): string | undefined {
  const relation = entity.relations?.find(r => r.type === 'ownedBy');
  if (relation) return relation.targetRef.toLocaleLowerCase('en-US');
  return ownerRefOfEntity(entity);
}

/** A namespace a run's parameters name, with the parameter that names it. */
export interface NamedNamespace {
  field: string;
  name: string;
}

/**
 * A run may create or act only in namespaces that do not exist yet or that the entity's
 * owning team already holds (the Namespace's portico.io/team label, via the platform).
 * Throws NotAllowedError naming the first namespace that is refused.
 */
export async function authorizeNamespaces(options: {
  entityRef: string;
  owner: string | undefined;
  namespaces: ReadonlyArray<NamedNamespace>;
  teamNamespaces: TeamNamespacesService;
}): Promise<void> {
  const { entityRef, owner, namespaces, teamNamespaces } = options;
  const team = teamOfGroupRef(owner);
  if (!team) {
    throw new NotAllowedError(
      `${entityRef} is not owned by a team (owner: ${
        owner ?? 'none'
      }); only a team's entity gets namespaces`,
    );
  }
  for (const { field, name } of namespaces) {
    const held = await teamNamespaces.ownerOf(name);
    if (!held.exists || held.team === team) continue;
    throw new NotAllowedError(
      held.team
        ? `Namespace "${name}" (parameters.${field}) belongs to team ${held.team}, not to ${team}`
        : `Namespace "${name}" (parameters.${field}) exists and is not a Portico team's namespace`,
    );
  }
}
