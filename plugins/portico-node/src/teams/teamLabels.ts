import { parseEntityRef } from '@backstage/catalog-model';

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
 * ref gives undefined, so it can never match a label.
 */
export function teamOfGroupRef(ref: string): string | undefined {
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
