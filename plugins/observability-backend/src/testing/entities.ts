import type { Entity } from '@backstage/catalog-model';
import { componentEntity } from '@internal/plugin-portico-node/testUtils';

export { componentEntity };

/** A component of team-a in namespace `shop` whose app label is `app` (default: its name). */
export function shopComponent(name: string, app = name): Entity {
  return componentEntity(name, {
    'backstage.io/kubernetes-namespace': 'shop',
    'backstage.io/kubernetes-id': app,
  });
}
