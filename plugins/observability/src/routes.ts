import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The Cost page. */
export const costRouteRef = createRouteRef();
