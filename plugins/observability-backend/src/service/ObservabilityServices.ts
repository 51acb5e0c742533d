import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { TeamNamespacesService } from '@internal/plugin-portico-node';
import type { ObservabilityConfig } from '../config/ObservabilityConfig';
import { CostService } from './CostService';
import { EntityScopes } from './EntityScopes';
import { GrafanaPanelsService } from './GrafanaPanelsService';
import { LogsService } from './LogsService';
import { MetricsService } from './MetricsService';
import { type UpstreamClients, Upstreams } from './Upstreams';

/**
 * One service per signal family over the shared {@link Upstreams} (clients, cache, clock) and
 * the one entity → scope resolution. Queries come only from templates filled with the entity's
 * validated, escaped selector.
 */
export interface ObservabilityServices {
  scopes: EntityScopes;
  metrics: MetricsService;
  logs: LogsService;
  panels: GrafanaPanelsService;
  cost: CostService;
  /** The clock the windows are read against (seconds). */
  nowSeconds(): number;
}

export interface ObservabilityServicesOptions extends UpstreamClients {
  config: ObservabilityConfig;
  catalog: CatalogService;
  teamNamespaces: TeamNamespacesService;
  now?: () => number;
}

export function createObservabilityServices(
  options: ObservabilityServicesOptions,
): ObservabilityServices {
  const { config, catalog, teamNamespaces, now, ...clients } = options;
  const upstreams = new Upstreams(config, clients, now);
  const scopes = new EntityScopes(catalog, teamNamespaces, config.selector);
  return {
    scopes,
    metrics: new MetricsService(upstreams),
    logs: new LogsService(upstreams),
    panels: new GrafanaPanelsService(upstreams),
    cost: new CostService(upstreams, scopes, catalog),
    nowSeconds: () => upstreams.nowSeconds(),
  };
}
