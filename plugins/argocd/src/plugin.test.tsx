import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { ArgocdClient, argocdApiRef } from './api';
import { makeComponent } from './testing/entities';
import {
  argocdApi,
  argocdDeploymentCard,
  argocdDeploymentsContent,
  argocdPlugin,
} from './plugin';

describe('argocdPlugin', () => {
  it('is the argocd plugin with its API, tab and card, leaving api:argocd free for Roadie', () => {
    expect(argocdPlugin.id).toBe('argocd');
    expect(argocdPlugin.getExtension('api:argocd/portico')).toBeDefined();
    expect(
      argocdPlugin.getExtension('entity-content:argocd/deployments'),
    ).toBeDefined();
    expect(
      argocdPlugin.getExtension('entity-card:argocd/deployment'),
    ).toBeDefined();
  });

  it('provides the client behind argocdApiRef', () => {
    const factory = createExtensionTester(argocdApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api.id).toBe(argocdApiRef.id);
    expect(
      factory.factory({
        discoveryApi: { getBaseUrl: jest.fn() },
        fetchApi: { fetch: jest.fn() },
      }),
    ).toBeInstanceOf(ArgocdClient);
  });

  it('mounts the Deployments tab on components', () => {
    const tester = createExtensionTester(argocdDeploymentsContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('deployments');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Deployments',
    );
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(makeComponent('payments-api', {}))).toBe(true);
    expect(filter({ ...makeComponent('payments-api'), kind: 'API' })).toBe(
      false,
    );
  });

  it('shows the Deployment card only on entities with an Argo CD annotation', () => {
    const filter = createExtensionTester(argocdDeploymentCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    expect(filter(makeComponent('payments-api'))).toBe(true);
    expect(
      filter(makeComponent('x', { 'argocd/app-selector': 'team=payments' })),
    ).toBe(true);
    expect(filter(makeComponent('x', {}))).toBe(false);
  });
});
