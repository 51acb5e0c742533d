/*
 * Argo CD deployment status on service pages and the catalog list, with owner-only Sync and Hard refresh
 */
export {};
