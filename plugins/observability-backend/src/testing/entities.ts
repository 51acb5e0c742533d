import type { Entity } from '@backstage/catalog-model';

/** A component entity; `annotations` as the test needs them. */
export function component(
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

/** A component of team-a in namespace `shop` whose app label is `app` (default: its name). */
export function shopComponent(name: string, app = name): Entity {
  return component(name, {
    'backstage.io/kubernetes-namespace': 'shop',
    'backstage.io/kubernetes-id': app,
  });
}
