import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { TeamNamespacesService } from '@internal/plugin-portico-node';
import type { ClusterClient } from '../cluster/ClusterClient';
import { NamespaceLists } from '../cluster/NamespaceLists';
import { readServiceVulnerabilities } from '../cluster/readServiceVulnerabilities';
import { readServiceCompliance } from '../cluster/serviceCompliance';
import { serviceTarget } from '../cluster/serviceTarget';
import type { ClusterSourceConfig } from '../config/readClusterConfig';
import type { VulnerabilityStore } from '../store/VulnerabilityStore';

export interface ClusterRefreshResult {
  components: number;
  withFindings: number;
  failed: number;
  /** Namespaces listed (four lists each): the upstream cost of the pass. */
  namespaces: number;
}

/**
 * One pass of the cluster source (run by one replica at a time): every component's running
 * images' CVEs and policy compliance, read from its team's namespaces (each namespace listed once), stored; a failed read
 * keeps the last good findings and records the error; components gone from the catalog are dropped.
 */
export async function refreshCluster(deps: {
  catalog: CatalogService;
  auth: AuthService;
  teamNamespaces: TeamNamespacesService;
  client: ClusterClient;
  store: VulnerabilityStore;
  config: ClusterSourceConfig;
  logger: LoggerService;
}): Promise<ClusterRefreshResult> {
  const { store, logger } = deps;
  const credentials = await deps.auth.getOwnServiceCredentials();
  const { items } = await deps.catalog.getEntities(
    {
      filter: { kind: 'component' },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.annotations',
        'spec.owner',
        'relations',
      ],
    },
    { credentials },
  );
  const lists = new NamespaceLists(deps.client);
  const result: ClusterRefreshResult = {
    components: items.length,
    withFindings: 0,
    failed: 0,
    namespaces: 0,
  };
  for (const entity of items) {
    const ref = stringifyEntityRef(entity);
    const at = new Date();
    try {
      const target = await serviceTarget(
        entity,
        deps.config.appLabel,
        deps.teamNamespaces,
      );
      if ('problem' in target) throw new Error(target.problem);
      const read = await readServiceVulnerabilities(lists, target);
      const compliance = await readServiceCompliance(lists, target);
      await store.saveRead(ref, read, at, compliance);
      if (read.state === 'ok') result.withFindings++;
    } catch (e) {
      result.failed++;
      const message = (e as Error).message;
      logger.warn(`service-health: reading ${ref} from the cluster failed`, {
        entity: ref,
        error: message,
      });
      await store.saveFailure(ref, message, at);
    }
  }
  await store.retain(items.map(e => stringifyEntityRef(e)));
  result.namespaces = lists.namespaces;
  return result;
}
