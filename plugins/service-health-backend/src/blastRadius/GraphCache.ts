import type { AuthService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { type DependentsGraph, dependentsGraph } from './dependentsGraph';

/**
 * The catalog's dependents graph, read with the plugin's own credentials at most once per
 * `ttlMs` (one catalog query for every viewer; concurrent callers share the read).
 */
export class GraphCache {
  private current?: { at: number; graph: Promise<DependentsGraph> };

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly ttlMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<DependentsGraph> {
    const t = this.now();
    if (!this.current || t - this.current.at >= this.ttlMs) {
      const graph = this.read();
      this.current = { at: t, graph };
      graph.catch(() => {
        if (this.current?.graph === graph) this.current = undefined;
      });
    }
    return this.current.graph;
  }

  private async read(): Promise<DependentsGraph> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const { items } = await this.catalog.getEntities(
      {
        filter: [{ kind: 'component' }, { kind: 'api' }, { kind: 'resource' }],
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'relations'],
      },
      { credentials },
    );
    return dependentsGraph(items);
  }
}
