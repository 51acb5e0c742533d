import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { auditApiRef } from '../../api';
import { mockAuditApi } from '../../testing/mockAuditApi';
import { responseError } from '../../testing/responseError';
import { makeAuditEvent } from '../../testing/makeAuditEvent';
import { AuditEventDrawer } from './AuditEventDrawer';

describe('AuditEventDrawer', () => {
  it('shows every field, the error and the metadata as JSON', async () => {
    const auditApi = mockAuditApi();
    const event = makeAuditEvent('42', {
      outcome: 'failed',
      error: 'Conflict: entity changed',
      meta: { nested: { token: '[REDACTED]' } },
    });
    await renderInTestApp(
      <AuditEventDrawer eventId="42" event={event} onClose={jest.fn()} />,
      { apis: [[auditApiRef, auditApi]] },
    );
    expect(screen.getByText('Audit event 42')).toBeInTheDocument();
    expect(screen.getByText('Conflict: entity changed')).toBeInTheDocument();
    expect(screen.getByText('POST /api/catalog/refresh')).toBeInTheDocument();
    expect(screen.getByText('hash-42')).toBeInTheDocument();
    expect(screen.getByText('hash-41')).toBeInTheDocument();
    expect(screen.getByText('10.1.2.3')).toBeInTheDocument();
    expect(screen.getByLabelText('Event metadata').textContent).toBe(
      JSON.stringify({ nested: { token: '[REDACTED]' } }, null, 2),
    );
    expect(auditApi.getEvent).not.toHaveBeenCalled();
  });

  it('fetches an event it was not given (a shared link)', async () => {
    const auditApi = mockAuditApi({
      getEvent: jest.fn().mockResolvedValue(makeAuditEvent('7')),
    });
    await renderInTestApp(
      <AuditEventDrawer eventId="7" onClose={jest.fn()} />,
      { apis: [[auditApiRef, auditApi]] },
    );
    expect(await screen.findByText('hash-7')).toBeInTheDocument();
    expect(auditApi.getEvent).toHaveBeenCalledWith('7');
  });

  it('says why an event could not be loaded', async () => {
    const auditApi = mockAuditApi({
      getEvent: jest
        .fn()
        .mockRejectedValue(await responseError(404, 'No audit event 9')),
    });
    await renderInTestApp(
      <AuditEventDrawer eventId="9" onClose={jest.fn()} />,
      { apis: [[auditApiRef, auditApi]] },
    );
    expect(
      await screen.findByText('Could not load event 9: No audit event 9'),
    ).toBeInTheDocument();
  });

  it('closes', async () => {
    const onClose = jest.fn();
    await renderInTestApp(
      <AuditEventDrawer
        eventId="1"
        event={makeAuditEvent('1')}
        onClose={onClose}
      />,
      { apis: [[auditApiRef, mockAuditApi()]] },
    );
    await userEvent.click(screen.getByLabelText('Close event details'));
    expect(onClose).toHaveBeenCalled();
  });
});
