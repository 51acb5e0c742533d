import type { FakeAppSpec } from '@internal/plugin-argocd-backend/testUtils';
import type { CatalogApp } from './catalogApps';

/** The fake Argo CD instances, in the order the portal lists them. */
export const ARGOCD_INSTANCES = ['prod', 'staging'] as const;
export type ArgocdInstance = (typeof ARGOCD_INSTANCES)[number];

/**
 * States other than Synced + Healthy on prod, so the list and the pages show variety. The e2e
 * journeys (06-argocd) rely on fraud-detector, inventory-service, search-indexer and
 * payments-api as they are here; ledger-service is the one suspended (scaled to zero).
 */
export const PROD_VARIANTS: Record<string, Partial<FakeAppSpec>> = {
  'fraud-detector': {
    syncStatus: 'OutOfSync',
    healthStatus: 'Progressing',
    operationRunning: true,
  },
  'inventory-service': { healthStatus: 'Degraded', historyLength: 5 },
  'search-indexer': { syncStatus: 'OutOfSync' },
  'payments-api': { historyLength: 6 },
  'ledger-service': { healthStatus: 'Suspended', historyLength: 4 },
};

/** The applications staging serves (the rest run on prod only), and their states there. */
export const STAGING_APPS: Record<string, Partial<FakeAppSpec>> = {
  'payments-api': { syncStatus: 'OutOfSync', historyLength: 4 },
  'checkout-service': {},
};

/** The application specs of each instance for the catalog's applications. */
export function instanceSpecs(
  apps: CatalogApp[],
): Record<ArgocdInstance, FakeAppSpec[]> {
  const spec = (app: CatalogApp, extra?: Partial<FakeAppSpec>) => ({
    name: app.name,
    team: app.team,
    ...extra,
  });
  return {
    prod: apps.map(app => spec(app, PROD_VARIANTS[app.name])),
    staging: apps
      .filter(app => app.name in STAGING_APPS)
      .map(app => spec(app, STAGING_APPS[app.name])),
  };
}
