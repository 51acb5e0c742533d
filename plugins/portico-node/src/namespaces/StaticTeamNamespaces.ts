import {
  NamespaceOwnership,
  TeamNamespacesService,
} from './TeamNamespacesService';

/** The team → namespaces map of `portico.teamNamespaces.static` (development and tests). */
export class StaticTeamNamespaces implements TeamNamespacesService {
  private readonly byNamespace = new Map<string, string>();

  constructor(private readonly byTeam: Record<string, string[]>) {
    for (const [team, namespaces] of Object.entries(byTeam)) {
      for (const namespace of namespaces) {
        if (this.byNamespace.has(namespace)) {
          throw new Error(
            `portico.teamNamespaces.static: namespace "${namespace}" is listed for both ${this.byNamespace.get(
              namespace,
            )} and ${team}`,
          );
        }
        this.byNamespace.set(namespace, team);
      }
    }
  }

  async namespacesOf(team: string): Promise<string[]> {
    return [...(this.byTeam[team] ?? [])].sort();
  }

  async ownerOf(namespace: string): Promise<NamespaceOwnership> {
    const team = this.byNamespace.get(namespace);
    return team ? { exists: true, team } : { exists: false };
  }
}
