import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { V1ObjectMeta } from '@kubernetes/client-node';

/** Label/annotation keys that tie every generated object to its service and owner. */
export const SERVICE_LABEL = 'portico.io/service';
export const OWNER_ANNOTATION = 'portico.io/owner';
export const OWNER_LABEL = 'portico.io/owner-group';

export interface Ownership {
  service: string;
  /** Full group ref, group:default/team-a */
  ownerRef: string;
  /** Group name, team-a (the RBAC subject and a label value). */
  ownerName: string;
}

/** Normalises `team-a` / `group:default/team-a` to both forms. */
export function ownership(service: string, owner: string): Ownership {
  const ref = parseEntityRef(owner, {
    defaultKind: 'group',
    defaultNamespace: 'default',
  });
  if (ref.kind.toLocaleLowerCase('en-US') !== 'group') {
    throw new Error(`owner must be a group, not a ${ref.kind}`);
  }
  return { service, ownerRef: stringifyEntityRef(ref), ownerName: ref.name };
}

export function selectorLabels(service: string): Record<string, string> {
  return { 'app.kubernetes.io/name': service };
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
      'app.kubernetes.io/managed-by': 'portico',
      [SERVICE_LABEL]: who.service,
      [OWNER_LABEL]: who.ownerName,
      ...extraLabels,
    },
    annotations: { [OWNER_ANNOTATION]: who.ownerRef },
  };
}
