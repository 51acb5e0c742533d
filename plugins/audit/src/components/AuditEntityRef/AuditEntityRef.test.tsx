import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogEntityRouteRef } from '../../routes';
import { AuditEntityRef } from './AuditEntityRef';

describe('AuditEntityRef', () => {
  it('links an entity ref to its entity page', async () => {
    await renderInTestApp(
      <AuditEntityRef entityRef="Component:default/checkout" />,
      {
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': catalogEntityRouteRef,
        },
      },
    );
    expect(
      screen.getByRole('link', { name: 'Component:default/checkout' }),
    ).toHaveAttribute('href', '/catalog/default/component/checkout');
  });

  it('shows a reference that is not an entity ref as text', async () => {
    await renderInTestApp(<AuditEntityRef entityRef="not a ref" />, {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': catalogEntityRouteRef,
      },
    });
    expect(screen.getByText('not a ref')).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('shows the ref as text when no catalog entity page is bound', async () => {
    await renderInTestApp(
      <AuditEntityRef entityRef="component:default/checkout" />,
    );
    expect(screen.getByText('component:default/checkout')).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });
});
