import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  CostResponse,
  TeamCostResponse,
} from '@internal/plugin-observability-common';
import type { TemplateSignal } from '../query/defaultTemplates';
import type { LabelSelector } from '../query/LabelSelector';
import type { PrometheusClient } from '../upstream/PrometheusClient';
import type { EntityScopes, ResolvedEntity } from './EntityScopes';
import { monthlyCost, type ResourceFigures } from './monthlyCost';
import type { Upstreams } from './Upstreams';

/** Services whose cost the team roll-up computes at the same time. */
const ROLLUP_CONCURRENCY = 4;

/** The resource figures a cost is computed from, each the sum of one template's series. */
const FIGURES: Array<[keyof ResourceFigures, TemplateSignal, string]> = [
  ['cpuUsageCores', 'cpu', 'usage'],
  ['cpuRequestCores', 'cpu', 'requests'],
  ['memoryUsageBytes', 'memory', 'usage'],
  ['memoryRequestBytes', 'memory', 'requests'],
  ['storageBytes', 'storage', 'bytes'],
];

type TeamCost = TeamCostResponse['teams'][number];

/** Monthly cost estimates: one entity's, and the roll-up per owning team. */
export class CostService {
  constructor(
    private readonly upstreams: Upstreams,
    private readonly scopes: EntityScopes,
    private readonly catalog: CatalogService,
  ) {}

  private async figures(
    prometheus: PrometheusClient,
    selector: LabelSelector,
    time: number,
  ): Promise<ResourceFigures | undefined> {
    const values = await Promise.all(
      FIGURES.map(([, signal, series]) => {
        const query = this.upstreams.promQuery(
          signal,
          series,
          selector,
          this.upstreams.config.cost.usageWindowSeconds,
        );
        return this.upstreams.cached(`instant\n${query}\n${time}`, () =>
          prometheus.query(query, time, { signal, series }),
        );
      }),
    );
    const figures: ResourceFigures = {};
    let any = false;
    values.forEach((result, i) => {
      const total = result.length
        ? result.reduce(
            (a, r) => a + (Number.isFinite(r.value) ? r.value : 0),
            0,
          )
        : undefined;
      if (total !== undefined) {
        figures[FIGURES[i][0]] = total;
        any = true;
      }
    });
    return any ? figures : undefined;
  }

  /** The instant costs are read at: now, floored to the cache TTL (so repeats share a query). */
  private costTime(): number {
    const bucket = Math.max(
      1,
      Math.round(this.upstreams.config.cache.ttlSeconds),
    );
    return Math.floor(this.upstreams.nowSeconds() / bucket) * bucket;
  }

  /** Monthly cost estimate of one entity. */
  async cost(resolved: ResolvedEntity): Promise<CostResponse> {
    const { prometheus } = this.upstreams.clients;
    const config = this.upstreams.config.cost;
    const zero = monthlyCost({}, config);
    if (!prometheus) {
      return { ...zero, empty: 'not-configured' };
    }
    if (!resolved.selector) {
      return { ...zero, empty: 'no-namespaces' };
    }
    const figures = await this.figures(
      prometheus,
      resolved.selector,
      this.costTime(),
    );
    return figures
      ? monthlyCost(figures, config)
      : { ...zero, empty: 'no-data' };
  }

  /**
   * Monthly cost per owning team over the catalog's components the caller may see. Each service
   * is read within its owning team's namespaces; services whose annotations are invalid or name
   * a namespace outside them, and those of owners that are no team or hold no namespaces, are
   * left out.
   */
  async teamCosts(
    credentials: BackstageCredentials,
  ): Promise<TeamCostResponse> {
    const { prometheus } = this.upstreams.clients;
    const config = this.upstreams.config.cost;
    if (!prometheus) {
      return { currency: config.currency, teams: [], empty: 'not-configured' };
    }
    const { items } = await this.catalog.getEntities(
      {
        filter: { kind: 'Component' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'metadata.annotations',
          'spec.owner',
        ],
      },
      { credentials },
    );
    const time = this.costTime();
    const scopeOf = this.scopes.rollup();
    const teams = new Map<string, TeamCost>();
    const queue = [...items];
    const worker = async () => {
      for (let entity = queue.shift(); entity; entity = queue.shift()) {
        let scope;
        try {
          scope = await scopeOf(entity);
        } catch {
          continue; // an invalid annotation, or a namespace outside the team's: left out
        }
        // no team owns it, or the team holds no namespaces
        if (!scope.team || !scope.selector) continue;
        const figures = await this.figures(prometheus, scope.selector, time);
        if (!figures) continue;
        const { monthly } = monthlyCost(figures, config);
        const owner = stringifyEntityRef({
          kind: 'group',
          namespace: 'default',
          name: scope.team,
        });
        const team = teams.get(owner) ?? {
          owner,
          monthly: { cpu: 0, memory: 0, storage: 0, total: 0 },
          services: [],
        };
        team.services.push({
          entityRef: stringifyEntityRef(entity),
          ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
          monthly,
        });
        for (const k of ['cpu', 'memory', 'storage', 'total'] as const) {
          team.monthly[k] =
            Math.round((team.monthly[k] + monthly[k]) * 100) / 100;
        }
        teams.set(owner, team);
      }
    };
    await Promise.all(
      Array.from({ length: ROLLUP_CONCURRENCY }, () => worker()),
    );
    const sorted = [...teams.values()].sort(
      (a, b) => b.monthly.total - a.monthly.total,
    );
    for (const team of sorted) {
      team.services.sort((a, b) => b.monthly.total - a.monthly.total);
    }
    return {
      currency: config.currency,
      teams: sorted,
      ...(sorted.length ? {} : { empty: 'no-data' as const }),
    };
  }
}
