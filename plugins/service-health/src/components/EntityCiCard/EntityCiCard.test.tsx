import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { serviceHealthApiRef, type ServiceHealthApi } from '../../api';
import {
  component,
  mockApi,
  okResponse,
  repositoryData,
} from '../../testing/fixtures';
import { EntityCiCard } from './EntityCiCard';

function renderCard(api: ServiceHealthApi) {
  return renderInTestApp(
    <EntityProvider entity={component}>
      <EntityCiCard />
    </EntityProvider>,
    { apis: [[serviceHealthApiRef, api]] },
  );
}

describe('EntityCiCard', () => {
  it('shows recent runs with status, duration and commit, and for a failure the job, step and log', async () => {
    await renderCard(mockApi(okResponse()));
    const failed = await screen.findByTestId('run-12');
    expect(within(failed).getByTitle('Pipeline: failed')).toBeInTheDocument();
    expect(
      within(failed).getByRole('link', { name: /^ci #12/ }),
    ).toHaveAttribute(
      'href',
      'https://github.example/acme/payments/actions/runs/12',
    );
    expect(failed).toHaveTextContent('Add retry to the payment client');
    expect(failed).toHaveTextContent('a1b2c3d · 29 min ago · took 4 min 5 s');
    expect(failed).toHaveTextContent('Failed in job test, step Run tests');
    expect(within(failed).getByRole('link', { name: /^log/ })).toHaveAttribute(
      'href',
      'https://github.example/acme/payments/actions/runs/12/job/120',
    );
    const passed = screen.getByTestId('run-11');
    expect(within(passed).getByTitle('Pipeline: passed')).toBeInTheDocument();
    expect(passed).not.toHaveTextContent('Failed in job');
    expect(screen.getByTestId('code-scanning-counts')).toHaveTextContent(
      'Code scanning: 1 critical, 2 high, 0 medium, 0 low open',
    );
  });

  it('says when code scanning is unavailable and when there are no runs', async () => {
    await renderCard(
      mockApi(
        okResponse(
          repositoryData({
            runs: [],
            codeScanning: {
              counts: {
                critical: 0,
                high: 0,
                medium: 0,
                low: 0,
                other: 0,
                total: 0,
              },
              unavailable: 'Code scanning is not enabled for this repository',
            },
          }),
        ),
      ),
    );
    expect(
      await screen.findByText('No workflow runs on main.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Code scanning: Code scanning is not enabled for this repository.',
      ),
    ).toBeInTheDocument();
  });

  it('says "no data" calmly when the source is not configured', async () => {
    await renderCard(
      mockApi({
        state: 'no-data',
        entityRef: 'component:default/payments',
        reason: 'not-configured',
      }),
    );
    expect(
      await screen.findByTestId('service-health-no-data'),
    ).toHaveTextContent('No data: the portal has no GitHub source configured.');
  });
});
