import {
  coreExtensionData,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import roadieArgocdPlugin from '@roadiehq/backstage-plugin-argo-cd/alpha';
import {
  ArgocdConnectedGate,
  ArgocdNotConnected,
  hasArgocdAnnotation,
} from '@internal/plugin-argocd';
import { InfoCard } from '@backstage/core-components';
import type { ReactElement } from 'react';

/**
 * One of Roadie's cards, on the entities `hasArgocdAnnotation` picks, behind Portico's gate: when
 * the backend has no Argo CD instance (GET /api/argocd/config: `configured: false`), a calm card
 * "Argo CD is not connected to this portal" replaces Roadie's, which would show a red 404 box.
 */
function gatedRoadieCard(
  id: 'entity-card:argocd/overviewCard' | 'entity-card:argocd/historyCard',
  title: string,
) {
  return roadieArgocdPlugin.getExtension(id).override({
    factory(originalFactory) {
      const output = originalFactory({
        params: { filter: hasArgocdAnnotation },
      });
      return Array.from(output, value =>
        value.id === coreExtensionData.reactElement.id
          ? coreExtensionData.reactElement(
              <ArgocdConnectedGate
                fallback={
                  <InfoCard title={title}>
                    <ArgocdNotConnected compact />
                  </InfoCard>
                }
              >
                {value.value as ReactElement}
              </ArgocdConnectedGate>,
            )
          : value,
      ) as typeof output extends Iterable<infer V> ? V[] : never;
    },
  });
}

/** Roadie's overview card, gated. */
export const roadieOverviewCard = gatedRoadieCard(
  'entity-card:argocd/overviewCard',
  'Argo CD overview',
);

/** Roadie's history card, gated. */
export const roadieHistoryCard = gatedRoadieCard(
  'entity-card:argocd/historyCard',
  'Argo CD history',
);

/**
 * Roadie's Argo CD overview and history cards, unmodified but for their filter (on entities that
 * name Argo CD applications; Roadie's says: components) and the "not connected" gate, inside
 * Portico's `argocd` plugin.
 *
 * Both plugins have the id `argocd`, and the app keeps one plugin per id (the one listed last in
 * App.tsx's features: Portico's). So Roadie's plugin is not installed; its API (`api:argocd`,
 * Roadie's own client) and its two cards are added to Portico's plugin by this module. Roadie's
 * client runs in its backend mode because `argocd.appLocatorMethods` is set in the app config,
 * i.e. it calls `${backend.baseUrl}/api/argocd/...`, which Portico's argocd-backend answers.
 * Roadie's own "ArgoCD" tab is left out: Portico's "Deployments" tab covers it.
 */
export const roadieArgocdModule = createFrontendModule({
  pluginId: 'argocd',
  extensions: [
    roadieArgocdPlugin.getExtension('api:argocd'),
    roadieOverviewCard,
    roadieHistoryCard,
  ],
});
