import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { argocdApiRef } from '@internal/plugin-argocd';
import type { BlastRadiusResponse } from '@internal/plugin-service-health-common';
import { serviceHealthApiRef } from '../../api';
import { component, mockApi, okResponse } from '../../testing/fixtures';
import { EntityBlastRadiusCard } from './EntityBlastRadiusCard';

const checkout = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'default',
    annotations: { 'argocd/app-name': 'checkout' },
  },
  spec: { type: 'service', owner: 'group:default/checkout-team' },
};

async function renderCard(radius: BlastRadiusResponse) {
  const api = mockApi(okResponse());
  api.getBlastRadius = jest.fn().mockResolvedValue(radius);
  const getEntityStatus = jest.fn(async (ref: string) => ({
    status: {
      entityRef: ref,
      state: 'ok' as const,
      syncStatus: 'Synced' as const,
      healthStatus: 'Degraded' as const,
      applications: [],
      degradedInstances: [],
    },
    instances: [{ name: 'prod', status: 'ok' as const }],
  }));
  await renderInTestApp(
    <EntityProvider entity={component}>
      <EntityBlastRadiusCard />
    </EntityProvider>,
    {
      apis: [
        [serviceHealthApiRef, api],
        [catalogApiRef, catalogApiMock({ entities: [checkout] })],
        [argocdApiRef, { getEntityStatus } as any],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return { api, getEntityStatus };
}

describe('EntityBlastRadiusCard', () => {
  it('lists who breaks, how, their owners and their live deployment health', async () => {
    const { getEntityStatus } = await renderCard({
      entityRef: 'component:default/payments',
      count: 2,
      truncated: false,
      owners: [
        { owner: 'group:default/checkout-team', count: 1 },
        { owner: 'group:default/storefront-team', count: 1 },
      ],
      dependents: [
        {
          ref: 'component:default/checkout',
          title: 'checkout',
          depth: 1,
          through: 'component:default/payments',
          via: { kind: 'consumesApi', api: 'api:default/payments' },
          owner: 'group:default/checkout-team',
        },
        {
          ref: 'component:default/storefront',
          title: 'storefront',
          depth: 2,
          through: 'component:default/checkout',
          via: { kind: 'dependsOn' },
          owner: 'group:default/storefront-team',
        },
      ],
    });
    expect(await screen.findByTestId('blast-radius-count')).toHaveTextContent(
      '2 components depend on it, directly or through others, owned by 2 teams',
    );
    expect(screen.getByText('checkout-team · 1')).toBeInTheDocument();
    const row = screen.getByTestId('dependent-component:default/checkout');
    expect(row).toHaveTextContent('consumes payments of it');
    expect(
      await within(row).findByTitle('Health: Degraded'),
    ).toBeInTheDocument();
    expect(getEntityStatus).toHaveBeenCalledWith('component:default/checkout', {
      fresh: false,
    });
    // storefront is not in this catalog view: no deployment cell for it.
    expect(
      screen.getByTestId('dependent-component:default/storefront'),
    ).toHaveTextContent('depends on checkout');
  });

  it('says calmly when nothing depends on it', async () => {
    await renderCard({
      entityRef: 'component:default/payments',
      count: 0,
      truncated: false,
      owners: [],
      dependents: [],
    });
    expect(await screen.findByTestId('blast-radius-empty')).toBeInTheDocument();
  });
});
