import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { ArgocdClient, argocdApiRef } from './api';
import { hasArgocdAnnotation } from './hasArgocdAnnotation';

/**
 * The Portico Argo CD client, behind {@link argocdApiRef}. Named, so that the plugin's id-less
 * `api:argocd` stays free for Roadie's Argo CD API (its cards are wired into this plugin by the app).
 */
export const argocdApi = ApiBlueprint.make({
  name: 'portico',
  params: defineParams =>
    defineParams({
      api: argocdApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ArgocdClient({ discoveryApi, fetchApi }),
    }),
});

/** The "Deployments" tab of components: everything about their Argo CD applications. */
export const argocdDeploymentsContent = EntityContentBlueprint.make({
  name: 'deployments',
  params: {
    path: 'deployments',
    title: 'Deployments',
    group: 'deployment',
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntityDeploymentsContent').then(m => (
        <m.EntityDeploymentsContent />
      )),
  },
});

/** The "Deployment" card on the overview of entities that name Argo CD applications. */
export const argocdDeploymentCard = EntityCardBlueprint.make({
  name: 'deployment',
  params: {
    filter: hasArgocdAnnotation,
    loader: () =>
      import('./components/EntityDeploymentCard').then(m => (
        <m.EntityDeploymentCard />
      )),
  },
});

/** Argo CD deployment status on service pages, with owner-only Sync and Hard refresh. */
export const argocdPlugin = createFrontendPlugin({
  pluginId: 'argocd',
  title: 'Argo CD',
  extensions: [argocdApi, argocdDeploymentsContent, argocdDeploymentCard],
});
