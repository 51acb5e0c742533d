import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { observabilityApiRef } from '../../api';
import { mockObservabilityApi } from '../../testing/mockObservabilityApi';
import { CostPage } from './CostPage';

const monthly = (total: number) => ({
  cpu: total / 2,
  memory: total / 4,
  storage: total / 4,
  total,
});

describe('CostPage', () => {
  it('rolls cost up per team and unfolds a team into its services', async () => {
    const api = mockObservabilityApi({
      getTeamCosts: jest.fn().mockResolvedValue({
        currency: 'EUR',
        teams: [
          {
            owner: 'group:default/team-b',
            monthly: monthly(100),
            services: [
              {
                entityRef: 'component:default/payments',
                monthly: monthly(100),
              },
            ],
          },
          {
            owner: 'group:default/team-a',
            monthly: monthly(40),
            services: [
              { entityRef: 'component:default/checkout', monthly: monthly(30) },
              { entityRef: 'component:default/cart', monthly: monthly(10) },
            ],
          },
        ],
      }),
    });
    await renderInTestApp(<CostPage />, {
      apis: [[observabilityApiRef, api]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    const table = await screen.findByRole('table', { name: 'Cost per team' });
    expect(within(table).getByText('€100.00')).toBeInTheDocument();
    expect(within(table).getByText('€140.00')).toBeInTheDocument();
    expect(within(table).queryByText('checkout')).not.toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Show services of group:default/team-a',
      }),
    );
    expect(within(table).getByText('checkout')).toBeInTheDocument();
    expect(within(table).getByText('€30.00')).toBeInTheDocument();
  });

  it('says Prometheus is not configured', async () => {
    await renderInTestApp(<CostPage />, {
      apis: [[observabilityApiRef, mockObservabilityApi()]],
    });
    expect(
      await screen.findByText('Prometheus not configured'),
    ).toBeInTheDocument();
  });
});
