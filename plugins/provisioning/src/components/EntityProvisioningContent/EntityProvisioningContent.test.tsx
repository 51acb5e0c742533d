import { screen, waitFor } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import { provisioningApiRef } from '../../api';
import { EntityProvisioningContent } from './EntityProvisioningContent';

const entity = (kind: string, name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: {},
});

describe('EntityProvisioningContent', () => {
  it.each([
    [
      'Component',
      'payments-svc',
      { entityRef: 'component:default/payments-svc', limit: 50 },
      'No provisioning runs for this entity',
    ],
    [
      'Group',
      'payments-team',
      { owner: 'group:default/payments-team', limit: 50 },
      'No provisioning runs for this team',
    ],
  ])('asks for the runs of a %s', async (kind, name, query, empty) => {
    const api = {
      listRuns: jest.fn().mockResolvedValue({ items: [] }),
      getRun: jest.fn(),
    };
    await renderInTestApp(
      <EntityProvider entity={entity(kind, name)}>
        <EntityProvisioningContent />
      </EntityProvider>,
      { apis: [[provisioningApiRef, api]] },
    );
    await waitFor(() => expect(api.listRuns).toHaveBeenCalledWith(query));
    expect(await screen.findByText(empty)).toBeInTheDocument();
  });
});
