/** Most entity refs one `POST /api/argocd/status` may ask for (one catalog page). */
export const MAX_STATUS_ENTITY_REFS = 500;
