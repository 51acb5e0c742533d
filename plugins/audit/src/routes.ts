import {
  createExternalRouteRef,
  createRouteRef,
} from '@backstage/frontend-plugin-api';

/** The Audit log page. */
export const rootRouteRef = createRouteRef();

/**
 * The catalog's entity page, for linking an event's entity ref. Bound by default to the catalog
 * plugin's `catalogEntity` route; when no catalog is installed the ref is shown as text.
 */
export const catalogEntityRouteRef = createExternalRouteRef({
  params: ['namespace', 'kind', 'name'],
  defaultTarget: 'catalog.catalogEntity',
});
