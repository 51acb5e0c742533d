import { TeamNamespacesService } from '@internal/plugin-portico-node';

/**
 * Namespaces that already exist in the cluster for someone else: held by another team (their
 * `portico.io/team` label) or by no team at all (not a Portico namespace). Field-error fragments.
 */
export async function heldInCluster(
  teamNamespaces: TeamNamespacesService | undefined,
  team: string,
  namespaces: Array<[field: string, namespace: string]>,
): Promise<string[]> {
  if (!teamNamespaces) return [];
  const held: string[] = [];
  for (const [field, namespace] of namespaces) {
    const owner = await teamNamespaces.ownerOf(namespace);
    if (owner.exists && owner.team !== team) {
      held.push(
        `${field}: namespace "${namespace}" exists in the cluster and is held by ${
          owner.team
            ? `team ${owner.team}`
            : 'no team (no portico.io/team label)'
        }; choose another name`,
      );
    }
  }
  return held;
}
