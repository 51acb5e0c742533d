import type { Entity } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  DASHBOARD_UID,
  type GrafanaConfig,
} from '../config/ObservabilityConfig';

export const GRAFANA_DASHBOARD_ANNOTATION = 'grafana/dashboard-url';
/** `2,4:Latency p99`: panel ids of the annotated dashboard, each with an optional title. */
export const GRAFANA_PANELS_ANNOTATION = 'portico.io/grafana-panel-ids';

const UID = DASHBOARD_UID;

/** The dashboards the platform lists for `team`: its own, the shared ones and the default. */
export function allowedDashboards(
  grafana: GrafanaConfig,
  team: string | undefined,
): Set<string> {
  return new Set([
    ...(team ? grafana.teamDashboards[team] ?? [] : []),
    ...grafana.sharedDashboards,
    ...(grafana.defaultDashboard ? [grafana.defaultDashboard.uid] : []),
  ]);
}

/** The dashboard of an entity: its uid, path on Grafana and the panels to embed. */
export interface EntityDashboard {
  uid: string;
  /** `/d/<uid>/<slug>`, the page "Open in Grafana" links to. */
  path: string;
  panels: Array<{ id: number; title: string }>;
}

function parsePanels(text: string): Array<{ id: number; title: string }> {
  return text
    .split(',')
    .map(p => p.trim())
    .filter(Boolean)
    .map(part => {
      const [id, ...title] = part.split(':');
      if (!/^\d{1,9}$/.test(id.trim())) {
        throw new InputError(
          `The entity's ${GRAFANA_PANELS_ANNOTATION} annotation is invalid: "${part.slice(
            0,
            40,
          )}" is not a panel id`,
        );
      }
      const n = Number(id.trim());
      return { id: n, title: title.join(':').trim() || `Panel ${n}` };
    });
}

/**
 * The entity's dashboard: `grafana/dashboard-url` (which must point at the configured Grafana;
 * the backend never sends its token elsewhere, and must name a dashboard the platform lists for
 * the owning `team`, else 403 naming it) with `portico.io/grafana-panel-ids`, or the platform's
 * default dashboard. Undefined when there is neither.
 */
export function entityDashboard(
  entity: Entity,
  grafana: GrafanaConfig,
  team: string | undefined,
): EntityDashboard | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const url = annotations[GRAFANA_DASHBOARD_ANNOTATION];
  if (url) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new InputError(
        `The entity's ${GRAFANA_DASHBOARD_ANNOTATION} annotation is not a URL`,
      );
    }
    const base = new URL(grafana.url);
    const match = /^\/d\/([^/]+)(\/[^/]*)?\/?$/.exec(
      parsed.pathname.slice(base.pathname.replace(/\/$/, '').length),
    );
    if (parsed.origin !== base.origin || !match || !UID.test(match[1])) {
      throw new InputError(
        `The entity's ${GRAFANA_DASHBOARD_ANNOTATION} annotation must be a dashboard URL (/d/<uid>/...) on the configured Grafana`,
      );
    }
    if (!allowedDashboards(grafana, team).has(match[1])) {
      throw new NotAllowedError(
        `The entity's ${GRAFANA_DASHBOARD_ANNOTATION} annotation names dashboard "${
          match[1]
        }", which the platform does not list for ${
          team ? `team ${team}` : "the entity's owner"
        } (observability.grafana.teamDashboards${
          team ? `.${team}` : ''
        }, sharedDashboards or defaultDashboard)`,
      );
    }
    const panels = annotations[GRAFANA_PANELS_ANNOTATION];
    return {
      uid: match[1],
      path: `/d/${match[1]}${match[2] ?? ''}`,
      panels: panels ? parsePanels(panels) : [],
    };
  }
  const fallback = grafana.defaultDashboard;
  if (!fallback || !UID.test(fallback.uid)) {
    return undefined;
  }
  return {
    uid: fallback.uid,
    path: `/d/${fallback.uid}`,
    panels: fallback.panels.map(p => ({
      id: p.id,
      title: p.title ?? `Panel ${p.id}`,
    })),
  };
}
