import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  teamOfEntity,
  type TeamNamespacesService,
} from '@internal/plugin-portico-node';
import type { ServiceTarget } from './readServiceVulnerabilities';

export const KUBERNETES_NAMESPACE_ANNOTATION =
  'backstage.io/kubernetes-namespace';
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';

/** A label value (what the app name must be to match a workload label). */
const LABEL_VALUE = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** Why an entity cannot be read, for the reader's record (shown calmly, never a 500). */
export type TargetProblem = { problem: string };

/**
 * Where to look for a service's workloads. The namespaces are the ones the platform says the
 * entity's owning team holds (Namespace labels its GitOps commit writes): the entity's
 * `backstage.io/kubernetes-namespace` may only narrow them to one of those, and
 * `backstage.io/kubernetes-id` (or the entity's name) only says which workloads' app label to
 * match. So an entity can point at its team's workloads, never at another team's.
 */
export async function serviceTarget(
  entity: Entity,
  appLabel: string,
  teamNamespaces: TeamNamespacesService,
): Promise<ServiceTarget | TargetProblem> {
  const annotations = entity.metadata.annotations ?? {};
  const app = annotations[KUBERNETES_ID_ANNOTATION] ?? entity.metadata.name;
  if (!LABEL_VALUE.test(app)) {
    return {
      problem: `annotation ${KUBERNETES_ID_ANNOTATION} must be a label value, not ${JSON.stringify(
        app.slice(0, 70),
      )}`,
    };
  }
  const team = teamOfEntity(entity);
  const held = team ? await teamNamespaces.namespacesOf(team) : [];
  const narrow = annotations[KUBERNETES_NAMESPACE_ANNOTATION];
  const namespaces =
    narrow === undefined ? held : held.filter(ns => ns === narrow);
  return {
    entityRef: stringifyEntityRef(entity),
    namespaces,
    appLabel,
    app,
  };
}
