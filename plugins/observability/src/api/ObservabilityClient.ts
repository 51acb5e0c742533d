import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  CostResponse,
  GrafanaPanelsResponse,
  LogsResponse,
  MetricsResponse,
  RangePreset,
  Signal,
  SummaryResponse,
  TeamCostResponse,
} from '@internal/plugin-observability-common';
import type { LogsQuery, ObservabilityApi } from './ObservabilityApi';

function entityPath(entity: CompoundEntityRef): string {
  return ['entities', entity.kind, entity.namespace, entity.name]
    .map(encodeURIComponent)
    .join('/');
}

/** {@link ObservabilityApi} over `discoveryApi` + `fetchApi` (which adds the user's token). */
export class ObservabilityClient implements ObservabilityApi {
  constructor(
    private readonly deps: {
      discoveryApi: Pick<DiscoveryApi, 'getBaseUrl'>;
      fetchApi: Pick<FetchApi, 'fetch'>;
    },
  ) {}

  private async request(path: string, accept = 'application/json') {
    const base = await this.deps.discoveryApi.getBaseUrl('observability');
    const response = await this.deps.fetchApi.fetch(`${base}/${path}`, {
      headers: { Accept: accept },
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }

  private async json<T>(path: string): Promise<T> {
    return (await (await this.request(path)).json()) as T;
  }

  getMetrics(
    entity: CompoundEntityRef,
    signals: readonly Signal[],
    range: RangePreset,
  ) {
    const params = new URLSearchParams({ signals: signals.join(','), range });
    return this.json<MetricsResponse>(
      `${entityPath(entity)}/metrics?${params}`,
    );
  }

  getSummary(entity: CompoundEntityRef) {
    return this.json<SummaryResponse>(`${entityPath(entity)}/summary`);
  }

  getLogs(entity: CompoundEntityRef, query: LogsQuery) {
    const params = new URLSearchParams({ range: query.range });
    if (query.query) params.set('query', query.query);
    if (query.level) params.set('level', query.level);
    if (query.limit) params.set('limit', String(query.limit));
    return this.json<LogsResponse>(`${entityPath(entity)}/logs?${params}`);
  }

  getGrafanaPanels(entity: CompoundEntityRef, range: RangePreset) {
    return this.json<GrafanaPanelsResponse>(
      `${entityPath(entity)}/grafana?range=${range}`,
    );
  }

  async getPanelImage(src: string, size: { width: number; height: number }) {
    if (/^[a-z]+:|^\/\//i.test(src)) {
      throw new Error('Panel images come from the observability backend only');
    }
    const sep = src.includes('?') ? '&' : '?';
    const response = await this.request(
      `${src}${sep}width=${size.width}&height=${size.height}`,
      'image/png',
    );
    return response.blob();
  }

  getCost(entity: CompoundEntityRef) {
    return this.json<CostResponse>(`${entityPath(entity)}/cost`);
  }

  getTeamCosts() {
    return this.json<TeamCostResponse>('cost/teams');
  }
}
