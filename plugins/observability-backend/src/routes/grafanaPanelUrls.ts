import { parseEntityRef } from '@backstage/catalog-model';
import type { GrafanaPanelsResponse } from '@internal/plugin-observability-common';
import type { GrafanaPanelsPlan } from '../service/GrafanaPanelsService';
import type { RequestWindow } from './requestParts';

/**
 * The panels answer: the "Open in Grafana" link, and per panel the Grafana `d-solo` page
 * (iframe mode) or this plugin's render route (render-proxy mode; a path relative to the plugin's
 * base URL, carrying the request's range).
 */
export function grafanaPanelsResponse(
  plan: GrafanaPanelsPlan,
  entityRef: string,
  window: RequestWindow,
): GrafanaPanelsResponse {
  if (plan.empty) {
    return { panels: [], empty: plan.empty };
  }
  const { grafana, dashboard, variables } = plan;
  const time: Array<[string, string]> = [
    ['from', String(window.start * 1000)],
    ['to', String(window.end * 1000)],
  ];
  const dashboardUrl = `${grafana.url}${dashboard.path}?${new URLSearchParams([
    ...variables,
    ...time,
  ])}`;
  const { kind, namespace, name } = parseEntityRef(entityRef);
  const renderPath = `entities/${encodeURIComponent(kind)}/${encodeURIComponent(
    namespace,
  )}/${encodeURIComponent(name)}/grafana/panels`;
  const timeQuery = new URLSearchParams({ range: window.preset });
  const panels = dashboard.panels.map(panel => ({
    panelId: panel.id,
    title: panel.title,
    ...(grafana.embedMode === 'iframe'
      ? {
          kind: 'iframe' as const,
          src: `${grafana.url}/d-solo/${dashboard.uid}/?${new URLSearchParams([
            ['orgId', '1'],
            ['panelId', String(panel.id)],
            ...variables,
            ...time,
            ['theme', 'light'],
          ])}`,
        }
      : {
          kind: 'image' as const,
          src: `${renderPath}/${panel.id}/render?${timeQuery}`,
        }),
  }));
  return {
    dashboardUrl,
    panels,
    ...(panels.length ? {} : { empty: 'no-data' as const }),
  };
}
