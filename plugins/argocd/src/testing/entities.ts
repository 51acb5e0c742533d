import type { Entity } from '@backstage/catalog-model';

/** A component with an `argocd/app-name` annotation, as in the example catalog. */
export function makeComponent(
  name = 'payments-api',
  annotations: Record<string, string> = { 'argocd/app-name': name },
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/payments',
    },
  };
}
