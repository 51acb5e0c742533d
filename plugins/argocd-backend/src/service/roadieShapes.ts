import type { ArgoInstanceConfig } from '../config/readArgoConfig';
import type { ArgoApplication } from '../upstream/ArgoCdClient';

/*
 * Bodies in the shape @roadiehq/backstage-plugin-argo-cd decodes (its io-ts codecs
 * argoCDServiceList, argoCDAppDetails, argoCDAppList, argoCDAppDeployRevisionDetails), built from
 * the cached view. Unlike Roadie's backend, every history entry is kept.
 */

export interface RoadieLocation {
  name: string;
  url: string;
  appName: string[];
}

export function roadieLocation(
  instance: ArgoInstanceConfig,
  appNames: string[],
): RoadieLocation {
  return {
    name: instance.name,
    url: instance.uiUrl,
    appName: [...new Set(appNames)],
  };
}

/** One application as Roadie's card expects it (Argo CD's own object plus the instance). */
export function roadieApplication(
  instance: ArgoInstanceConfig,
  app: ArgoApplication,
) {
  return {
    ...app,
    metadata: {
      ...app.metadata,
      instance: { name: instance.name, url: instance.uiUrl },
    },
    instance: instance.name,
  };
}

export function roadieApplicationList(
  instance: ArgoInstanceConfig,
  apps: ArgoApplication[],
) {
  return { items: apps.map(a => roadieApplication(instance, a)) };
}
