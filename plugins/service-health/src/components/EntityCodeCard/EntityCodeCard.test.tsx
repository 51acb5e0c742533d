import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { serviceHealthApiRef, type ServiceHealthApi } from '../../api';
import { component, mockApi, okResponse } from '../../testing/fixtures';
import { EntityCodeCard } from './EntityCodeCard';

function renderCard(api: ServiceHealthApi) {
  return renderInTestApp(
    <EntityProvider entity={component}>
      <EntityCodeCard />
    </EntityProvider>,
    { apis: [[serviceHealthApiRef, api]] },
  );
}

describe('EntityCodeCard', () => {
  it('shows the repository, default branch and last commits with their pipeline', async () => {
    const api = mockApi(okResponse());
    await renderCard(api);
    expect(await screen.findByText('acme/payments')).toHaveAttribute(
      'href',
      'https://github.example/acme/payments',
    );
    expect(screen.getByTestId('default-branch')).toHaveTextContent('main');
    const first = screen.getByTestId(
      'commit-a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    );
    expect(
      within(first).getByRole('link', { name: /^a1b2c3d/ }),
    ).toHaveAttribute(
      'href',
      'https://github.example/acme/payments/commit/a1b2c3d',
    );
    expect(first).toHaveTextContent('Add retry to the payment client');
    expect(first).toHaveTextContent('alice · 30 min ago');
    expect(within(first).getByTitle('Pipeline: failed')).toBeInTheDocument();
    const second = screen.getByTestId(
      'commit-b1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    );
    expect(within(second).getByTitle('Pipeline: passed')).toBeInTheDocument();
    const third = screen.getByTestId(
      'commit-c1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    );
    expect(third).toHaveTextContent('no pipeline run');
    expect(screen.getByText(/Read from GitHub 2 min ago/)).toBeInTheDocument();
    expect(api.getCode).toHaveBeenCalledWith('component:default/payments');
  });

  it('says "no data" calmly when the component names no repository', async () => {
    await renderCard(
      mockApi({
        state: 'no-data',
        entityRef: 'component:default/payments',
        reason: 'no-annotation',
      }),
    );
    expect(
      await screen.findByTestId('service-health-no-data'),
    ).toHaveTextContent('No data: this component names no GitHub repository');
  });

  it('says which repository has not been read yet', async () => {
    await renderCard(
      mockApi({
        state: 'no-data',
        entityRef: 'component:default/payments',
        reason: 'not-read-yet',
        slug: 'acme/payments',
      }),
    );
    expect(
      await screen.findByTestId('service-health-no-data'),
    ).toHaveTextContent(
      'No data yet: the repository has not been read. It is read every few minutes. (acme/payments)',
    );
  });

  it('shows an error from the backend', async () => {
    await renderCard(mockApi(new Error('backend down')));
    expect((await screen.findAllByText(/backend down/)).length).toBeGreaterThan(
      0,
    );
  });
});
