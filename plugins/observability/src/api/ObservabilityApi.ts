import type { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  CostResponse,
  GrafanaPanelsResponse,
  LogLevel,
  LogsResponse,
  MetricsResponse,
  RangePreset,
  Signal,
  SummaryResponse,
  TeamCostResponse,
} from '@internal/plugin-observability-common';

/** Filters of the logs panel. */
export interface LogsQuery {
  range: RangePreset;
  query?: string;
  level?: LogLevel;
  limit?: number;
}

/**
 * The observability backend. Every method rejects with a `ResponseError` (from
 * `@backstage/errors`) on an error status; its `response.status` tells 403 (not an owner) from
 * 502/504 (upstream down or slow).
 */
export interface ObservabilityApi {
  /** The series of every signal a panel shows, in one request (in the order given). */
  getMetrics(
    entity: CompoundEntityRef,
    signals: readonly Signal[],
    range: RangePreset,
  ): Promise<MetricsResponse>;
  getSummary(entity: CompoundEntityRef): Promise<SummaryResponse>;
  getLogs(entity: CompoundEntityRef, query: LogsQuery): Promise<LogsResponse>;
  getGrafanaPanels(
    entity: CompoundEntityRef,
    range: RangePreset,
  ): Promise<GrafanaPanelsResponse>;
  /** A rendered panel (render-proxy mode): `src` as the backend gave it. */
  getPanelImage(
    src: string,
    size: { width: number; height: number },
  ): Promise<Blob>;
  getCost(entity: CompoundEntityRef): Promise<CostResponse>;
  getTeamCosts(): Promise<TeamCostResponse>;
}

/** The API ref of the observability backend client. */
export const observabilityApiRef = createApiRef<ObservabilityApi>().with({
  id: 'plugin.observability.api',
  pluginId: 'observability',
});
