import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * The label the platform's GitOps commit writes on every Namespace, Argo CD Application and
 * AppProject it creates: the owning team's group name. It is a platform fact: developers cannot
 * write it (they do not write the GitOps repository), so authorization may rest on it.
 */
export const TEAM_LABEL = 'portico.io/team';

/** Label on every object the platform generated (`portico`). */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

/** The per-team Argo CD AppProject: destinations are the team's namespaces only. */
export function teamProjectName(team: string): string {
  return `team-${team}`;
}

/**
 * The team name (the value of {@link TEAM_LABEL}) of a group entity ref such as
 * `group:default/team-a` or `team-a`. Only groups in the `default` namespace are teams; any other
 * ref (or none) gives undefined, so it can never match a label.
 */
export function teamOfGroupRef(ref: string | undefined): string | undefined {
  if (!ref) return undefined;
  try {
    const parsed = parseEntityRef(ref, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    if (
      parsed.kind.toLocaleLowerCase('en-US') !== 'group' ||
      parsed.namespace !== 'default'
    ) {
      return undefined;
    }
    return parsed.name.toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/**
 * The ref of `entity`'s owner: its `spec.owner` read as Backstage reads it (kind `group` and the
 * entity's own namespace by default), as a full lower-case ref (`group:default/team-a`).
 * Undefined when the entity has no owner or it is not an entity reference. The one reading of
 * `spec.owner` every plugin uses.
 */
export function ownerRefOfEntity(entity: Entity): string | undefined {
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner !== 'string' || !owner.trim()) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner.trim(), {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/**
 * The team owning `entity`: {@link ownerRefOfEntity}, then {@link teamOfGroupRef}. Undefined when
 * the entity has no owner or its owner is not a team.
 */
export function teamOfEntity(entity: Entity): string | undefined {
  return teamOfGroupRef(ownerRefOfEntity(entity));
}
