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
// Argo CD: Portico's plugin is listed here (after the discovered features) so that it, not
// Roadie's discovered plugin of the same id `argocd`, is the one the app keeps; Roadie's cards
// join it through roadieArgocdModule. catalogModuleArgocdColumn adds the Deployment column.
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
