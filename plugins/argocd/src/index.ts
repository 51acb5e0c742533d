/**
 * Argo CD deployment status on service pages and the catalog list, with owner-only Sync and Hard
 * refresh, over Portico's `argocd` backend plugin. The app installs the plugin (default export),
 * adds the catalog column, and puts Roadie's cards on the entities `hasArgocdAnnotation` picks;
 * the plugin's own extensions are reached through it (`getExtension`).
 *
 * @packageDocumentation
 */
export { argocdPlugin as default } from './plugin';
export {
  argocdCatalogColumn,
  ArgocdStatusCell,
} from './components/CatalogStatusColumn';
export { hasArgocdAnnotation } from './hasArgocdAnnotation';
export { argocdApiRef } from './api';
export type { ArgocdApi, EntityArgoStatusResult } from './api';
export {
  ArgocdConnectedGate,
  ArgocdNotConnected,
} from './components/NotConnected';
