import type { Entity } from '@backstage/catalog-model';

/** A production service Component in the default namespace, owned by team-a unless `owner` says. */
export function componentEntity(
  name: string,
  annotations: Record<string, string>,
  owner = 'group:default/team-a',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'production', owner },
  };
}
