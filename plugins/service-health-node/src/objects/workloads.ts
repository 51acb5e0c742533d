import { FailedObject } from '../types';
import { Container, ObjectMeta, PodSpec, ServiceObjects } from './schemas';

/** A Deployment or StatefulSet, reduced to what the checks read. */
export interface Workload {
  kind: 'Deployment' | 'StatefulSet';
  namespace: string;
  name: string;
  /** spec.replicas, or 1 when unset (the API's default). */
  replicas: number;
  /** The pod template's labels: what selectors of other objects must match. */
  podLabels: Record<string, string>;
  podSpec: PodSpec;
}

export function workloadsOf(objects: ServiceObjects): Workload[] {
  const of = (kind: Workload['kind'], list: ServiceObjects['deployments']) =>
    list.map(w => ({
      kind,
      namespace: w.metadata.namespace ?? '',
      name: w.metadata.name,
      replicas: w.spec.replicas ?? 1,
      podLabels: w.spec.template.metadata?.labels ?? {},
      podSpec: w.spec.template.spec,
    }));
  return [
    ...of('Deployment', objects.deployments),
    ...of('StatefulSet', objects.statefulSets),
  ];
}

/** Objects in the same namespace as the workload. */
export function sameNamespace<T extends { metadata: ObjectMeta }>(
  workload: Pick<Workload, 'namespace'>,
  list: T[],
): T[] {
  return list.filter(o => (o.metadata.namespace ?? '') === workload.namespace);
}

/** Every container of the pod, init containers first. */
export function allContainers(
  pod: PodSpec,
): Array<{ container: Container; init: boolean }> {
  return [
    ...(pod.initContainers ?? []).map(container => ({ container, init: true })),
    ...pod.containers.map(container => ({ container, init: false })),
  ];
}

/** A failure on a workload, or on one of its containers. */
export function workloadFailure(
  w: Workload,
  message: string,
  container?: Container,
): FailedObject {
  return {
    kind: w.kind,
    namespace: w.namespace || undefined,
    name: w.name,
    ...(container ? { container: container.name } : {}),
    message,
  };
}
