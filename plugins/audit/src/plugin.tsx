import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import PolicyIcon from '@material-ui/icons/Policy';
import { AuditClient, auditApiRef } from './api';
import { catalogEntityRouteRef, rootRouteRef } from './routes';

/** The audit backend client, behind {@link auditApiRef}. */
export const auditApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: auditApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AuditClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The Audit log page at `/audit`. Its title and icon make it the "Audit log" nav item; the
 * item is shown to everyone, and the page explains who may read the log to those who may not.
 */
export const auditLogPage = PageBlueprint.make({
  params: {
    path: '/audit',
    title: 'Audit log',
    icon: <PolicyIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/AuditLogPage').then(m => <m.AuditLogPage />),
  },
});

/** The Audit log plugin: who did what, when, with what outcome, across Portico's plugins. */
export const auditPlugin = createFrontendPlugin({
  pluginId: 'audit',
  title: 'Audit log',
  icon: <PolicyIcon fontSize="inherit" />,
  routes: { root: rootRouteRef },
  externalRoutes: { catalogEntity: catalogEntityRouteRef },
  extensions: [auditApi, auditLogPage],
});
