import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';
import { authModule } from './modules/auth';
import argocdPlugin from '@internal/plugin-argocd';
import {
  catalogModuleArgocdColumn,
  roadieArgocdModule,
} from './modules/argocd';

// Every other plugin (api-docs, techdocs, search, kubernetes, ...) is discovered
// from this package's dependencies (`app.packages: all` in app-config.yaml).
// Argo CD: Roadie's plugin has the same id (`argocd`) as Portico's and is kept out of discovery
// (app.packages.exclude in app-config.yaml); roadieArgocdModule adds its cards to Portico's plugin.
// catalogModuleArgocdColumn gives the catalog list its Deployment column.
export default createApp({
  features: [
    catalogPlugin,
    navModule,
    homeModule,
    authModule,
    argocdPlugin,
    roadieArgocdModule,
    catalogModuleArgocdColumn,
  ],
});
