import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { TimeWindow } from '@internal/plugin-observability-common';
import type { GrafanaConfig } from '../config/ObservabilityConfig';
import type { RenderedPanel } from '../upstream/GrafanaRenderer';
import type { ResolvedEntity } from './EntityScopes';
import { entityDashboard, type EntityDashboard } from './grafanaDashboard';
import type { Upstreams } from './Upstreams';

/** A dashboard variable as a query parameter (`var-<name>`, value). */
export type DashboardVariable = [string, string];

/**
 * The Grafana panels of an entity, before any URL is built (the router builds them): why there
 * are none, or the configured Grafana, the entity's dashboard and its variables.
 */
export type GrafanaPanelsPlan =
  | { empty: 'not-configured' | 'no-namespaces' }
  | {
      empty?: undefined;
      grafana: GrafanaConfig;
      dashboard: EntityDashboard;
      variables: DashboardVariable[];
    };

/** Grafana panels of an entity: which to embed, and (render-proxy mode) their images. */
export class GrafanaPanelsService {
  constructor(private readonly upstreams: Upstreams) {}

  /** The dashboard variables: the service and every namespace the entity reads. */
  private variables(
    grafana: GrafanaConfig,
    resolved: ResolvedEntity,
  ): DashboardVariable[] {
    const service =
      resolved.selector?.get(this.upstreams.config.selector.appLabel) ??
      resolved.entity.metadata.name;
    return [
      [`var-${grafana.variables.service}`, service],
      ...resolved.namespaces.map(
        ns => [`var-${grafana.variables.namespace}`, ns] as DashboardVariable,
      ),
    ];
  }

  /** The entity's dashboard and variables, or why it has no panels. */
  panels(resolved: ResolvedEntity): GrafanaPanelsPlan {
    const grafana = this.upstreams.config.grafana;
    if (!grafana) {
      return { empty: 'not-configured' };
    }
    if (!resolved.selector) {
      return { empty: 'no-namespaces' };
    }
    const dashboard = entityDashboard(resolved.entity, grafana, resolved.team);
    if (!dashboard) {
      return { empty: 'not-configured' };
    }
    return { grafana, dashboard, variables: this.variables(grafana, resolved) };
  }

  /** One panel rendered by Grafana (render-proxy mode only). */
  async renderPanel(
    resolved: ResolvedEntity,
    panelId: number,
    window: TimeWindow,
    size: { width: number; height: number },
  ): Promise<RenderedPanel> {
    const grafana = this.upstreams.config.grafana;
    const renderer = this.upstreams.clients.grafana;
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
      ...this.variables(grafana, resolved),
      ['from', String(window.start * 1000)],
      ['to', String(window.end * 1000)],
      ['width', String(size.width)],
      ['height', String(size.height)],
      ['theme', 'light'],
    ]);
    return this.upstreams.cached(`render\n${dashboard.uid}\n${params}`, () =>
      renderer.render(dashboard.uid, params),
    );
  }
}
