import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The Provisioning page. */
export const rootRouteRef = createRouteRef();
