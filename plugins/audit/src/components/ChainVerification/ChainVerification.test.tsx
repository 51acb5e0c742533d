import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { auditApiRef } from '../../api';
import { mockAuditApi } from '../../testing/mockAuditApi';
import { responseError } from '../../testing/responseError';
import { ChainVerification } from './ChainVerification';

async function verifyWith(auditApi: ReturnType<typeof mockAuditApi>) {
  await renderInTestApp(<ChainVerification />, {
    apis: [[auditApiRef, auditApi]],
  });
  expect(auditApi.verifyChain).not.toHaveBeenCalled();
  await userEvent.click(screen.getByRole('button', { name: /Verify chain/ }));
  return screen.findByRole('alert');
}

describe('ChainVerification', () => {
  it('reports an intact chain with the count', async () => {
    const alert = await verifyWith(
      mockAuditApi({
        verifyChain: jest.fn().mockResolvedValue({ ok: true, checked: 1234 }),
      }),
    );
    expect(alert).toHaveTextContent('Hash chain intact: 1,234 events checked.');
  });

  it('reports the first broken event and why', async () => {
    const alert = await verifyWith(
      mockAuditApi({
        verifyChain: jest.fn().mockResolvedValue({
          ok: false,
          checked: 41,
          firstBrokenId: '42',
          reason: 'prevHash does not match the hash of event 41',
        }),
      }),
    );
    expect(alert).toHaveTextContent(
      'Hash chain broken at event 42: prevHash does not match the hash of event 41. 41 events checked.',
    );
  });

  it('shows the backend message when verification fails', async () => {
    const alert = await verifyWith(
      mockAuditApi({
        verifyChain: jest
          .fn()
          .mockRejectedValue(await responseError(500, 'database unavailable')),
      }),
    );
    expect(alert).toHaveTextContent(
      'Could not verify the chain: database unavailable',
    );
  });
});
