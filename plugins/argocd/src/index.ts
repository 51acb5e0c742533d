/**
 * Argo CD deployment status on service pages and the catalog list, with owner-only Sync and Hard
 * refresh, over Portico's `argocd` backend plugin.
 *
 * @packageDocumentation
 */
export {
  argocdPlugin,
  argocdPlugin as default,
  argocdApi,
  argocdDeploymentCard,
  argocdDeploymentsContent,
} from './plugin';
export { argocdApiRef, ArgocdClient } from './api';
export type { ArgocdApi, EntityArgoStatusResult } from './api';
export {
  argocdCatalogColumn,
  ArgocdStatusCell,
} from './components/CatalogStatusColumn';
export { hasArgocdAnnotation } from './hasArgocdAnnotation';
