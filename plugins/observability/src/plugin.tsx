import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import MonetizationOn from '@material-ui/icons/MonetizationOnOutlined';
import { ObservabilityClient, observabilityApiRef } from './api';
import { costRouteRef } from './routes';

/** The observability backend client, behind {@link observabilityApiRef}. */
export const observabilityApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: observabilityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ObservabilityClient({ discoveryApi, fetchApi }),
    }),
});

/** The "Observability" tab of components: charts, Grafana panels, logs and cost. */
export const observabilityEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'observability',
    title: 'Observability',
    group: 'observability',
    filter: { kind: 'component' },
    loader: () =>
      import('./components/ObservabilityContent').then(m => (
        <m.ObservabilityContent />
      )),
  },
});

/** The "Service health" card on the overview of components. */
export const observabilityOverviewCard = EntityCardBlueprint.make({
  name: 'overview',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('./components/OverviewCard').then(m => <m.OverviewCard />),
  },
});

/** The Cost page at `/cost`: monthly estimate per team. */
export const costPage = PageBlueprint.make({
  params: {
    path: '/cost',
    title: 'Cost',
    icon: <MonetizationOn fontSize="inherit" />,
    routeRef: costRouteRef,
    loader: () => import('./components/CostPage').then(m => <m.CostPage />),
  },
});

/** Observability per service (metrics, logs, Grafana panels, cost) and the Cost page. */
export const observabilityPlugin = createFrontendPlugin({
  pluginId: 'observability',
  title: 'Observability',
  icon: <MonetizationOn fontSize="inherit" />,
  routes: { cost: costRouteRef },
  extensions: [
    observabilityApi,
    observabilityEntityContent,
    observabilityOverviewCard,
    costPage,
  ],
});
