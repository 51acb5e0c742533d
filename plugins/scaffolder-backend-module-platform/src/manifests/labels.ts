import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  MANAGED_BY_LABEL,
  TEAM_LABEL,
  teamOfGroupRef,
} from '@internal/plugin-portico-node';
import { V1ObjectMeta } from '@kubernetes/client-node';

/** Label/annotation keys that tie every generated object to its service and owner. */
export const SERVICE_LABEL = 'portico.io/service';
export const OWNER_ANNOTATION = 'portico.io/owner';
const OWNER_LABEL = 'portico.io/owner-group';

export interface Ownership {
  service: string;
  /** Full group ref, group:default/team-a */
  ownerRef: string;
  /** Group name, team-a (the RBAC subject). */
  ownerName: string;
  /** The team: the value of the `portico.io/team` label (teamOfGroupRef of the owner). */
  team: string;
}

/** Normalises `team-a` / `group:default/team-a` to both forms; only teams (default-namespace groups). */
export function ownership(service: string, owner: string): Ownership {
  const ref = parseEntityRef(owner, {
    defaultKind: 'group',
    defaultNamespace: 'default',
  });
  if (ref.kind.toLocaleLowerCase('en-US') !== 'group') {
    throw new InputError(`owner must be a group, not a ${ref.kind}`);
  }
  const ownerRef = stringifyEntityRef(ref);
  const team = teamOfGroupRef(ownerRef);
  if (!team) {
    throw new InputError(
      `owner ${ownerRef} is not a team: teams are groups in the default namespace`,
    );
  }
  return { service, ownerRef, ownerName: ref.name, team };
}

export function selectorLabels(service: string): Record<string, string> {
  return { 'app.kubernetes.io/name': service };
}

/** Labels and annotation of a team-level object (no service): the AppProject. */
export function teamMetadata(
  who: Pick<Ownership, 'ownerRef' | 'team'>,
  name: string,
  namespace: string,
): V1ObjectMeta {
  return {
    name,
    namespace,
    labels: { [MANAGED_BY_LABEL]: 'portico', [TEAM_LABEL]: who.team },
    annotations: { [OWNER_ANNOTATION]: who.ownerRef },
  };
}

/** metadata for a generated object. */
export function metadata(
  who: Ownership,
  name: string,
  namespace?: string,
  extraLabels: Record<string, string> = {},
): V1ObjectMeta {
  return {
    name,
    ...(namespace ? { namespace } : {}),
    labels: {
      ...selectorLabels(who.service),
      'app.kubernetes.io/part-of': who.service,
      [MANAGED_BY_LABEL]: 'portico',
      [SERVICE_LABEL]: who.service,
      [OWNER_LABEL]: who.ownerName,
      [TEAM_LABEL]: who.team,
      ...extraLabels,
    },
    annotations: { [OWNER_ANNOTATION]: who.ownerRef },
  };
}
