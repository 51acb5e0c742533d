import {
  ServiceObjects,
  ServiceObjectsInput,
  serviceObjectsSchema,
} from './schemas';

/** Thrown when the objects are not shaped as the Kubernetes API returns them. */
export class ServiceObjectsError extends Error {
  readonly name = 'ServiceObjectsError';
}

/** Parses the lists of one service's namespaces (validated; unknown fields dropped). */
export function parseServiceObjects(input: unknown): ServiceObjects {
  const parsed = serviceObjectsSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map(i => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new ServiceObjectsError(`invalid Kubernetes objects: ${issues}`);
  }
  return parsed.data;
}

const LIST_OF_KIND: Record<string, keyof ServiceObjectsInput> = {
  Deployment: 'deployments',
  StatefulSet: 'statefulSets',
  Service: 'services',
  NetworkPolicy: 'networkPolicies',
  Secret: 'secrets',
  ExternalSecret: 'externalSecrets',
  PodDisruptionBudget: 'podDisruptionBudgets',
  HorizontalPodAutoscaler: 'horizontalPodAutoscalers',
};

/**
 * Sorts objects that carry their `kind` (manifests, or `kubectl get -o json` items) into the lists
 * the checks take, then parses them. Kinds the checks do not read are left out.
 */
export function serviceObjectsOf(objects: unknown[]): ServiceObjects {
  const lists: Record<string, unknown[]> = {};
  for (const object of objects) {
    const kind =
      typeof object === 'object' && object !== null
        ? (object as { kind?: unknown }).kind
        : undefined;
    const list = typeof kind === 'string' ? LIST_OF_KIND[kind] : undefined;
    if (list) {
      (lists[list] ??= []).push(object);
    }
  }
  return parseServiceObjects(lists);
}
