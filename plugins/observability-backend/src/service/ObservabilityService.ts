import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  type CompoundEntityRef,
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  teamOfEntity,
  type TeamNamespacesService,
} from '@internal/plugin-portico-node';
import {
  type CostResponse,
  type GrafanaPanelsResponse,
  type LogsResponse,
  type MetricSeries,
  type Signal,
  SIGNAL_SERIES,
  SIGNAL_UNITS,
  type SignalResponse,
  type SummaryResponse,
  SIGNALS,
  type TeamCostResponse,
  type TimeWindow,
} from '@internal/plugin-observability-common';
import type { ObservabilityConfig } from '../config/ObservabilityConfig';
import {
  LATENCY_QUANTILES,
  type TemplateSignal,
} from '../query/defaultTemplates';
import { entityScope } from '../query/entitySelector';
import type { LabelSelector } from '../query/LabelSelector';
import { buildLogQuery, type LogFilter } from '../query/logql';
import { renderTemplate } from '../query/renderTemplate';
import type {
  GrafanaRenderer,
  RenderedPanel,
} from '../upstream/GrafanaRenderer';
import type { LokiClient } from '../upstream/LokiClient';
import type {
  PrometheusClient,
  PromSeries,
} from '../upstream/PrometheusClient';
import { SingleFlightCache } from '../upstream/SingleFlightCache';
import { entityDashboard } from './grafanaDashboard';
import { monthlyCost, type ResourceFigures } from './monthlyCost';

/** Services whose cost the team roll-up computes at the same time. */
const ROLLUP_CONCURRENCY = 4;

/** The log line counts asked of Loki (a request's limit is rounded up to one, then cut). */
export const LOG_LIMITS = [50, 100, 200, 500, 1000];

export interface ObservabilityServiceOptions {
  config: ObservabilityConfig;
  catalog: CatalogService;
  teamNamespaces: TeamNamespacesService;
  logger: LoggerService;
  prometheus?: PrometheusClient;
  loki?: LokiClient;
  grafana?: GrafanaRenderer;
  now?: () => number;
}

/** An entity as the caller may see it in the catalog. */
export interface ReadEntity {
  entity: Entity;
  ref: string;
}

/** An entity with what its queries may read. */
export interface ResolvedEntity extends ReadEntity {
  /** The owning team (group name), when the owner is a team. */
  team?: string;
  /** The namespaces its queries read (all held by the owning team); empty: nothing is read. */
  namespaces: string[];
  /** The label selector; undefined when the owning team holds no namespaces. */
  selector?: LabelSelector;
}

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/**
 * Metrics, logs, Grafana panels and cost of catalog entities. Queries come only from templates
 * filled with the entity's validated, escaped selector; identical queries share one upstream call
 * and a short-lived cached result.
 */
export class ObservabilityService {
  readonly cache: SingleFlightCache<unknown>;
  private readonly config: ObservabilityConfig;

  constructor(private readonly options: ObservabilityServiceOptions) {
    this.config = options.config;
    this.cache = new SingleFlightCache({
      ttlMs: options.config.cache.ttlSeconds * 1000,
      maxEntries: options.config.cache.maxEntries,
      maxBytes: options.config.cache.maxBytes,
      now: options.now,
    });
  }

  nowSeconds(): number {
    return Math.floor((this.options.now?.() ?? Date.now()) / 1000);
  }

  /** Reads the entity with the caller's credentials; 404 when missing or not visible. */
  async readEntity(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<ReadEntity> {
    const entity = await this.options.catalog.getEntityByRef(ref, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${stringifyEntityRef(ref)}`);
    }
    return { entity, ref: stringifyEntityRef(entity) };
  }

  /**
   * What the entity's queries may read: the namespaces its owning team holds (the platform's
   * fact, from portico.teamNamespaces), narrowed by its annotations; 400 for a malformed
   * annotation, 403 for one naming a namespace outside the team's.
   */
  async scope(read: ReadEntity): Promise<ResolvedEntity> {
    const team = teamOfEntity(read.entity);
    const held = team
      ? await this.options.teamNamespaces.namespacesOf(team)
      : [];
    return {
      ...read,
      ...entityScope(read.entity, this.config.selector, team, held),
    };
  }

  /** {@link readEntity} then {@link scope}. */
  async resolveEntity(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<ResolvedEntity> {
    return this.scope(await this.readEntity(ref, credentials));
  }

  private cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    return this.cache.get(key, load) as Promise<T>;
  }

  private query(
    signal: TemplateSignal,
    series: string,
    selector: LabelSelector,
    windowSeconds: number,
  ): string {
    return renderTemplate(this.config.templates[signal][series], {
      selector,
      windowSeconds,
      quantile: signal === 'latency' ? LATENCY_QUANTILES[series] : undefined,
    });
  }

  private rangeSeries(
    prometheus: PrometheusClient,
    signal: Signal,
    series: string,
    selector: LabelSelector,
    window: TimeWindow,
  ): Promise<PromSeries[]> {
    const query = this.query(
      signal,
      series,
      selector,
      Math.max(this.config.minRateWindowSeconds, window.step),
    );
    return this.cached(
      `range\n${query}\n${window.start}\n${window.end}\n${window.step}`,
      () => prometheus.queryRange(query, window, { signal, series }),
    );
  }

  /** The series of one signal over the window. */
  async signal(
    resolved: ResolvedEntity,
    signal: Signal,
    window: TimeWindow,
  ): Promise<SignalResponse> {
    const base = {
      signal,
      unit: SIGNAL_UNITS[signal],
      window: { start: window.start, end: window.end, step: window.step },
    };
    const { prometheus } = this.options;
    if (!prometheus) {
      return { ...base, series: [], empty: 'not-configured' };
    }
    const selector = resolved.selector;
    if (!selector) {
      return { ...base, series: [], empty: 'no-namespaces' };
    }
    const names = SIGNAL_SERIES[signal] as readonly string[];
    const results = await Promise.all(
      names.map(name =>
        this.rangeSeries(prometheus, signal, name, selector, window),
      ),
    );
    const series: MetricSeries[] = [];
    results.forEach((result, i) => {
      for (const r of result) {
        const labels = Object.entries(r.metric)
          .map(([k, v]) => `${k}=${v}`)
          .join(',');
        series.push({
          name:
            result.length > 1 && labels ? `${names[i]} {${labels}}` : names[i],
          points: r.points.map(([t, v]) => [t, finite(v)]),
        });
      }
    });
    const withData = series.filter(s => s.points.some(([, v]) => v !== null));
    return withData.length
      ? { ...base, series: withData }
      : { ...base, series: [], empty: 'no-data' };
  }

  /** Current values and 1-hour sparklines of every signal, for the overview card. */
  async summary(
    resolved: ResolvedEntity,
    window: TimeWindow,
  ): Promise<SummaryResponse> {
    if (!this.options.prometheus) {
      return { window, signals: [], empty: 'not-configured' };
    }
    if (!resolved.selector) {
      return { window, signals: [], empty: 'no-namespaces' };
    }
    const signals = await Promise.all(
      SIGNALS.map(async signal => {
        const response = await this.signal(resolved, signal, window);
        return {
          signal,
          unit: response.unit,
          series: response.series.map(s => {
            const values = s.points
              .map(([, v]) => v)
              .filter((v): v is number => v !== null);
            const last = s.points[s.points.length - 1];
            return {
              name: s.name,
              // a value older than two steps is not "current"
              current:
                last && last[0] >= window.end - 2 * window.step
                  ? last[1]
                  : null,
              sparkline: values,
            };
          }),
          ...(response.empty ? { empty: response.empty } : {}),
        };
      }),
    );
    const anyData = signals.some(s => !s.empty);
    return { window, signals, ...(anyData ? {} : { empty: 'no-data' }) };
  }

  /**
   * Log lines of the entity; the caller has been authorized by the router. Loki is asked for
   * `limit` rounded up to one of {@link LOG_LIMITS} (so a caller cannot make every request a new
   * query by varying it), and the answer is cut to `limit`.
   */
  async logs(
    resolved: ResolvedEntity,
    filter: LogFilter,
    window: TimeWindow,
    limit: number,
  ): Promise<LogsResponse> {
    const { loki } = this.options;
    if (!loki || !this.config.loki) {
      return { window, lines: [], truncated: false, empty: 'not-configured' };
    }
    if (!resolved.selector) {
      return { window, lines: [], truncated: false, empty: 'no-namespaces' };
    }
    const max = this.config.limits.maxLogLines;
    const asked =
      [...LOG_LIMITS.filter(n => n < max), max].find(n => n >= limit) ?? max;
    const query = buildLogQuery(
      resolved.selector,
      filter,
      this.config.loki.levelLabel,
    );
    const fetched = await this.cached(
      `logs\n${query}\n${window.start}\n${window.end}\n${asked}`,
      () => loki.queryLogs(query, window, asked),
    );
    const lines = fetched.slice(0, limit);
    return {
      window,
      lines,
      truncated: fetched.length > limit || fetched.length >= asked,
      ...(lines.length ? {} : { empty: 'no-data' as const }),
    };
  }

  /** The dashboard variables: the service and every namespace the entity reads. */
  private grafanaVariables(resolved: ResolvedEntity): Array<[string, string]> {
    const { grafana, selector } = this.config;
    const service =
      resolved.selector?.get(selector.appLabel) ??
      resolved.entity.metadata.name;
    return [
      [`var-${grafana!.variables.service}`, service],
      ...resolved.namespaces.map(
        ns => [`var-${grafana!.variables.namespace}`, ns] as [string, string],
      ),
    ];
  }

  /** Panel embeds of the entity's dashboard for the window. */
  grafanaPanels(
    resolved: ResolvedEntity,
    window: TimeWindow,
    timeQuery: string,
  ): GrafanaPanelsResponse {
    const grafana = this.config.grafana;
    if (!grafana) {
      return { panels: [], empty: 'not-configured' };
    }
    if (!resolved.selector) {
      return { panels: [], empty: 'no-namespaces' };
    }
    const dashboard = entityDashboard(resolved.entity, grafana, resolved.team);
    if (!dashboard) {
      return { panels: [], empty: 'not-configured' };
    }
    const variables = this.grafanaVariables(resolved);
    const time: Array<[string, string]> = [
      ['from', String(window.start * 1000)],
      ['to', String(window.end * 1000)],
    ];
    const dashboardUrl = `${grafana.url}${dashboard.path}?${new URLSearchParams(
      [...variables, ...time],
    )}`;
    const { kind, namespace, name } = parseEntityRef(resolved.ref);
    const panels = dashboard.panels.map(panel => ({
      panelId: panel.id,
      title: panel.title,
      ...(grafana.embedMode === 'iframe'
        ? {
            kind: 'iframe' as const,
            src: `${grafana.url}/d-solo/${dashboard.uid}/?${new URLSearchParams(
              [
                ['orgId', '1'],
                ['panelId', String(panel.id)],
                ...variables,
                ...time,
                ['theme', 'light'],
              ],
            )}`,
          }
        : {
            kind: 'image' as const,
            src: `entities/${encodeURIComponent(kind)}/${encodeURIComponent(
              namespace,
            )}/${encodeURIComponent(name)}/grafana/panels/${
              panel.id
            }/render?${timeQuery}`,
          }),
    }));
    return {
      dashboardUrl,
      panels,
      ...(panels.length ? {} : { empty: 'no-data' as const }),
    };
  }

  /** One panel rendered by Grafana (render-proxy mode only). */
  async renderPanel(
    resolved: ResolvedEntity,
    panelId: number,
    window: TimeWindow,
    size: { width: number; height: number },
  ): Promise<RenderedPanel> {
    const grafana = this.config.grafana;
    const renderer = this.options.grafana;
    if (!grafana || !renderer || grafana.embedMode !== 'render-proxy') {
      throw new NotFoundError(
        'Grafana panels are not rendered by Portico (observability.grafana.embedMode is not render-proxy)',
      );
    }
    if (!resolved.selector) {
      throw new NotAllowedError(
        `${resolved.ref}'s owner holds no namespaces on the platform: there is no panel to render`,
      );
    }
    const dashboard = entityDashboard(resolved.entity, grafana, resolved.team);
    if (!dashboard?.panels.some(p => p.id === panelId)) {
      throw new NotFoundError(
        `Panel ${panelId} is not one of ${resolved.ref}'s Grafana panels`,
      );
    }
    const params = new URLSearchParams([
      ['orgId', '1'],
      ['panelId', String(panelId)],
      ...this.grafanaVariables(resolved),
      ['from', String(window.start * 1000)],
      ['to', String(window.end * 1000)],
      ['width', String(size.width)],
      ['height', String(size.height)],
      ['theme', 'light'],
    ]);
    return this.cached(`render\n${dashboard.uid}\n${params}`, () =>
      renderer.render(dashboard.uid, params),
    );
  }

  private async figures(
    prometheus: PrometheusClient,
    selector: LabelSelector,
    time: number,
  ): Promise<ResourceFigures | undefined> {
    const parts: Array<[keyof ResourceFigures, TemplateSignal, string]> = [
      ['cpuUsageCores', 'cpu', 'usage'],
      ['cpuRequestCores', 'cpu', 'requests'],
      ['memoryUsageBytes', 'memory', 'usage'],
      ['memoryRequestBytes', 'memory', 'requests'],
      ['storageBytes', 'storage', 'bytes'],
    ];
    const values = await Promise.all(
      parts.map(([, signal, series]) => {
        const query = this.query(
          signal,
          series,
          selector,
          this.config.cost.usageWindowSeconds,
        );
        return this.cached(`instant\n${query}\n${time}`, () =>
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
        figures[parts[i][0]] = total;
        any = true;
      }
    });
    return any ? figures : undefined;
  }

  private costTime(): number {
    const bucket = Math.max(1, Math.round(this.config.cache.ttlSeconds));
    return Math.floor(this.nowSeconds() / bucket) * bucket;
  }

  /** Monthly cost estimate of one entity. */
  async cost(resolved: ResolvedEntity): Promise<CostResponse> {
    const { prometheus } = this.options;
    const zero = monthlyCost({}, this.config.cost);
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
      ? monthlyCost(figures, this.config.cost)
      : { ...zero, empty: 'no-data' };
  }

  /**
   * Monthly cost per owner over the catalog's components the caller may see. Each service is
   * read within its owning team's namespaces; services whose annotations are invalid or name a
   * namespace outside them, and those of owners without namespaces, are left out.
   */
  async teamCosts(
    credentials: BackstageCredentials,
  ): Promise<TeamCostResponse> {
    const { prometheus } = this.options;
    const currency = this.config.cost.currency;
    if (!prometheus) {
      return { currency, teams: [], empty: 'not-configured' };
    }
    const { items } = await this.options.catalog.getEntities(
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
    const held = new Map<string, Promise<string[]>>();
    const namespacesOf = (team: string) => {
      let found = held.get(team);
      if (!found) {
        found = this.options.teamNamespaces.namespacesOf(team);
        held.set(team, found);
      }
      return found;
    };
    const teams = new Map<string, TeamCostResponse['teams'][number]>();
    const queue = [...items];
    const worker = async () => {
      for (let entity = queue.shift(); entity; entity = queue.shift()) {
        const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
        if (typeof owner !== 'string') continue;
        const owningTeam = teamOfEntity(entity);
        if (!owningTeam) continue;
        let selector: LabelSelector | undefined;
        try {
          selector = entityScope(
            entity,
            this.config.selector,
            owningTeam,
            await namespacesOf(owningTeam),
          ).selector;
        } catch {
          continue; // an invalid annotation, or a namespace outside the team's: left out
        }
        if (!selector) continue; // the owner holds no namespaces
        const figures = await this.figures(prometheus, selector, time);
        if (!figures) continue;
        const { monthly } = monthlyCost(figures, this.config.cost);
        const ownerRef = stringifyEntityRef(
          parseEntityRef(owner, {
            defaultKind: 'group',
            defaultNamespace: entity.metadata.namespace ?? 'default',
          }),
        );
        const team = teams.get(ownerRef) ?? {
          owner: ownerRef,
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
        teams.set(ownerRef, team);
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
      currency,
      teams: sorted,
      ...(sorted.length ? {} : { empty: 'no-data' as const }),
    };
  }
}
