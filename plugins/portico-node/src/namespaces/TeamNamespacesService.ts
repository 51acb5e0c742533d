/** What the platform says about which team holds which namespace. */
export interface NamespaceOwnership {
  /** false when no such Namespace exists (nobody holds it yet). */
  exists: boolean;
  /** The Namespace's `portico.io/team` label; undefined when it has none. */
  team?: string;
}

/**
 * Which namespaces a team holds, from a fact the platform controls (the Namespace's
 * `portico.io/team` label written by the GitOps commit, or the platform's config), never from
 * a catalog annotation.
 */
export interface TeamNamespacesService {
  /** The namespaces labelled as held by `team` (a group name), sorted. */
  namespacesOf(team: string): Promise<string[]>;
  /** Whether `namespace` exists and which team holds it. */
  ownerOf(namespace: string): Promise<NamespaceOwnership>;
}
