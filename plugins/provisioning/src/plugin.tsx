import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import BuildIcon from '@material-ui/icons/Build';
import { ProvisioningClient, provisioningApiRef } from './api';
import { rootRouteRef } from './routes';

/** The provisioning backend client, behind {@link provisioningApiRef}. */
export const provisioningApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: provisioningApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ProvisioningClient({ discoveryApi, fetchApi }),
    }),
});

/** The Provisioning page at `/provisioning`: every run, filterable, with live timelines. */
export const provisioningPage = PageBlueprint.make({
  params: {
    path: '/provisioning',
    title: 'Provisioning',
    icon: <BuildIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/ProvisioningPage').then(m => <m.ProvisioningPage />),
  },
});

/** The "Provisioning" tab of components, systems, resources and groups (a group: its runs). */
export const provisioningEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'provisioning',
    title: 'Provisioning',
    filter: { kind: { $in: ['component', 'system', 'resource', 'group'] } },
    loader: () =>
      import('./components/EntityProvisioningContent').then(m => (
        <m.EntityProvisioningContent />
      )),
  },
});

/** Provisioning runs through Argo Events: page and entity tab. */
export const provisioningPlugin = createFrontendPlugin({
  pluginId: 'provisioning',
  title: 'Provisioning',
  icon: <BuildIcon fontSize="inherit" />,
  routes: { root: rootRouteRef },
  extensions: [provisioningApi, provisioningPage, provisioningEntityContent],
});
