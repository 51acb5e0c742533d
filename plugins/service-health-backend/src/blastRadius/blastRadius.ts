import type { DependentsGraph, DependentVia } from './dependentsGraph';

/** One entity that breaks (directly or transitively) when the root breaks. */
export interface Dependent {
  ref: string;
  /** 1: depends on the root itself; 2: on a direct dependent; ... */
  depth: number;
  /** The entity it depends on, on one shortest path from the root, and how. */
  through: string;
  via: DependentVia;
  owner?: string;
}

export interface BlastRadius {
  root: string;
  dependents: Dependent[];
  /** Dependents per owner, most first. */
  owners: Array<{ owner: string; count: number }>;
  /** True when `maxDependents` cut the walk short. */
  truncated: boolean;
}

/**
 * The transitive dependents of `root`, breadth first (each once, at its shortest distance, so a
 * cycle ends the walk instead of looping), up to `maxDependents`.
 */
export function blastRadius(
  graph: DependentsGraph,
  root: string,
  maxDependents = 500,
): BlastRadius {
  const seen = new Set<string>([root]);
  const dependents: Dependent[] = [];
  let frontier = [root];
  let truncated = false;
  for (let depth = 1; frontier.length > 0 && !truncated; depth++) {
    const next: string[] = [];
    for (const from of frontier) {
      for (const { ref, via } of graph.dependents(from)) {
        if (seen.has(ref)) continue;
        if (dependents.length >= maxDependents) {
          truncated = true;
          break;
        }
        seen.add(ref);
        next.push(ref);
        dependents.push({
          ref,
          depth,
          through: from,
          via,
          owner: graph.ownerOf(ref),
        });
      }
      if (truncated) break;
    }
    frontier = next;
  }
  const owners = ownersOf(dependents);
  return { root, dependents, owners, truncated };
}

/** Dependents per owner ("unowned" without one), most first. */
export function ownersOf(
  dependents: ReadonlyArray<{ owner?: string }>,
): Array<{ owner: string; count: number }> {
  const byOwner = new Map<string, number>();
  for (const d of dependents) {
    const owner = d.owner ?? 'unowned';
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + 1);
  }
  return [...byOwner]
    .map(([owner, count]) => ({ owner, count }))
    .sort((a, b) => b.count - a.count || a.owner.localeCompare(b.owner));
}
