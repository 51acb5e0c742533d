import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { auditApiRef } from '../../api';
import { mockAuditApi } from '../../testing/mockAuditApi';
import { responseError } from '../../testing/responseError';
import { WriterStatus } from './WriterStatus';

const healthy = {
  buffered: 3,
  capacity: 1000,
  dropped: 0,
  written: 12345,
};

describe('WriterStatus', () => {
  it('shows buffered, dropped and written compactly', async () => {
    await renderInTestApp(<WriterStatus />, {
      apis: [
        [
          auditApiRef,
          mockAuditApi({
            getWriterStatus: jest.fn().mockResolvedValue(healthy),
          }),
        ],
      ],
    });
    const line = await screen.findByText(/Writer: 3 buffered \(of 1,000\)/);
    expect(line).toHaveTextContent('0 dropped · 12,345 written since start');
    expect(line.closest('[data-state]')).toHaveAttribute('data-state', 'ok');
  });

  it('warns when events were dropped', async () => {
    await renderInTestApp(<WriterStatus />, {
      apis: [
        [
          auditApiRef,
          mockAuditApi({
            getWriterStatus: jest
              .fn()
              .mockResolvedValue({ ...healthy, dropped: 5 }),
          }),
        ],
      ],
    });
    const line = await screen.findByText(/5 dropped/);
    expect(line.closest('[data-state]')).toHaveAttribute(
      'data-state',
      'warning',
    );
    expect(screen.getByText(/dropped events are missing/)).toBeInTheDocument();
  });

  it('warns with the last write error', async () => {
    await renderInTestApp(<WriterStatus />, {
      apis: [
        [
          auditApiRef,
          mockAuditApi({
            getWriterStatus: jest.fn().mockResolvedValue({
              ...healthy,
              lastError: 'connection refused',
            }),
          }),
        ],
      ],
    });
    const error = await screen.findByText(
      'Last write error: connection refused',
    );
    expect(error.closest('[data-state]')).toHaveAttribute(
      'data-state',
      'warning',
    );
  });

  it('says when the status cannot be read, and refreshes', async () => {
    const getWriterStatus = jest
      .fn()
      .mockRejectedValueOnce(await responseError(500, 'backend restarting'))
      .mockResolvedValueOnce(healthy);
    await renderInTestApp(<WriterStatus />, {
      apis: [[auditApiRef, mockAuditApi({ getWriterStatus })]],
    });
    expect(
      await screen.findByText('Writer status unavailable: backend restarting'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('Refresh writer status'));
    expect(await screen.findByText(/Writer: 3 buffered/)).toBeInTheDocument();
  });
});
