import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { argocdApiRef } from '../../api';
import { mockArgocdApi } from '../../testing/mockArgocdApi';
import { ArgocdConnectedGate } from './ArgocdNotConnected';

function renderGate(getConfig: jest.Mock) {
  return renderInTestApp(
    <ArgocdConnectedGate>
      <div>Roadie card</div>
    </ArgocdConnectedGate>,
    { apis: [[argocdApiRef, mockArgocdApi({ getConfig })]] },
  );
}

describe('ArgocdConnectedGate', () => {
  it('renders the calm "not connected" state instead of its children when Argo CD is not configured', async () => {
    await renderGate(
      jest.fn().mockResolvedValue({ configured: false, instances: [] }),
    );

    expect(
      await screen.findByText('Argo CD is not connected to this portal'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: 'How a platform team connects Argo CD',
      }),
    ).toHaveAttribute('href', '/docs/default/component/portico/production/');
    expect(screen.queryByText('Roadie card')).toBeNull();
  });

  it('renders its children when Argo CD is configured', async () => {
    await renderGate(
      jest.fn().mockResolvedValue({
        configured: true,
        instances: [{ name: 'prod', uiUrl: 'https://argocd.prod.example' }],
      }),
    );

    expect(await screen.findByText('Roadie card')).toBeInTheDocument();
    expect(screen.queryByTestId('argocd-not-connected')).toBeNull();
  });

  it('renders its children when the configuration cannot be read (they report it)', async () => {
    await renderGate(jest.fn().mockRejectedValue(new Error('HTTP 503')));

    expect(await screen.findByText('Roadie card')).toBeInTheDocument();
  });
});
