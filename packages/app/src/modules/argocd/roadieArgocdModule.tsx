import { createFrontendModule } from '@backstage/frontend-plugin-api';
import roadieArgocdPlugin from '@roadiehq/backstage-plugin-argo-cd/alpha';
import { hasArgocdAnnotation } from '@internal/plugin-argocd';

/**
 * Roadie's Argo CD overview and history cards, unmodified but for their filter (on entities that
 * name Argo CD applications; Roadie's says: components), inside Portico's `argocd` plugin.
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
    roadieArgocdPlugin
      .getExtension('entity-card:argocd/overviewCard')
      .override({
        params: { filter: hasArgocdAnnotation },
      }),
    roadieArgocdPlugin.getExtension('entity-card:argocd/historyCard').override({
      params: { filter: hasArgocdAnnotation },
    }),
  ],
});
