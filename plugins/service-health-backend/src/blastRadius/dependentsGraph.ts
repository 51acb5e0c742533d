import type { DependentVia } from '@internal/plugin-service-health-common';
import {
  type Entity,
  RELATION_API_CONSUMED_BY,
  RELATION_DEPENDENCY_OF,
  RELATION_OWNED_BY,
  RELATION_PROVIDES_API,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/** Who breaks when an entity breaks: the edges of the catalog read in that direction. */
export interface DependentsGraph {
  /** ref -> refs that depend on it directly, with how. */
  dependents(ref: string): ReadonlyArray<{ ref: string; via: DependentVia }>;
  /** The entity's owner (its ownedBy relation, a full ref), for grouping. */
  ownerOf(ref: string): string | undefined;
  has(ref: string): boolean;
}

export type { DependentVia };

/**
 * Builds the reverse graph from catalog entities with their relations: A depends on B when A has
 * `dependsOn` B (B carries `dependencyOf` A), or when A consumes an API that B provides. Relations
 * are the catalog's (computed by its processors from every entity's spec), so the graph is what
 * the catalog page shows everyone.
 */
export function dependentsGraph(entities: readonly Entity[]): DependentsGraph {
  const edges = new Map<string, Array<{ ref: string; via: DependentVia }>>();
  const owners = new Map<string, string | undefined>();
  const consumersOfApi = new Map<string, string[]>();
  for (const e of entities) {
    const ref = stringifyEntityRef(e);
    owners.set(
      ref,
      e.relations?.find(r => r.type === RELATION_OWNED_BY)?.targetRef,
    );
    if (e.kind.toLowerCase() === 'api') {
      consumersOfApi.set(
        ref,
        (e.relations ?? [])
          .filter(r => r.type === RELATION_API_CONSUMED_BY)
          .map(r => r.targetRef),
      );
    }
  }
  const add = (from: string, to: string, via: DependentVia) => {
    if (from === to) return;
    const list = edges.get(from) ?? [];
    if (!list.some(x => x.ref === to)) list.push({ ref: to, via });
    edges.set(from, list);
  };
  for (const e of entities) {
    const ref = stringifyEntityRef(e);
    for (const r of e.relations ?? []) {
      if (r.type === RELATION_DEPENDENCY_OF) {
        add(ref, r.targetRef, { kind: 'dependsOn' });
      } else if (r.type === RELATION_PROVIDES_API) {
        for (const consumer of consumersOfApi.get(r.targetRef) ?? []) {
          add(ref, consumer, { kind: 'consumesApi', api: r.targetRef });
        }
      }
    }
  }
  return {
    dependents: ref => edges.get(ref) ?? [],
    ownerOf: ref => owners.get(ref),
    has: ref => owners.has(ref),
  };
}
