import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { ServiceHealthClient, serviceHealthApiRef } from './api';

export const serviceHealthApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: serviceHealthApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ServiceHealthClient({ discoveryApi, fetchApi }),
    }),
});

/** "Code" on every component's overview ("no data" where there is no repository). */
export const serviceHealthCodeCard = EntityCardBlueprint.make({
  name: 'code',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntityCodeCard').then(m => <m.EntityCodeCard />),
  },
});

/** "CI/CD" on every component's overview. */
export const serviceHealthCiCard = EntityCardBlueprint.make({
  name: 'ci',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntityCiCard').then(m => <m.EntityCiCard />),
  },
});

/** "Vulnerabilities" (CVEs in the running images) on every component's overview. */
export const serviceHealthVulnerabilitiesCard = EntityCardBlueprint.make({
  name: 'vulnerabilities',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntityVulnerabilitiesCard').then(m => (
        <m.EntityVulnerabilitiesCard />
      )),
  },
});

/** "Policy compliance" (score and checks of the running objects) on every component's overview. */
export const serviceHealthComplianceCard = EntityCardBlueprint.make({
  name: 'compliance',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntityComplianceCard').then(m => (
        <m.EntityComplianceCard />
      )),
  },
});

/** "Blast radius" (who breaks if this breaks) on every component's overview. */
export const serviceHealthBlastRadiusCard = EntityCardBlueprint.make({
  name: 'blast-radius',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntityBlastRadiusCard').then(m => (
        <m.EntityBlastRadiusCard />
      )),
  },
});

/** Service health at a glance: the Code and CI/CD cards of component pages. */
export const serviceHealthPlugin = createFrontendPlugin({
  pluginId: 'service-health',
  title: 'Service health',
  extensions: [
    serviceHealthApi,
    serviceHealthCodeCard,
    serviceHealthCiCard,
    serviceHealthVulnerabilitiesCard,
    serviceHealthComplianceCard,
    serviceHealthBlastRadiusCard,
  ],
});
