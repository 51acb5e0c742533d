import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { responseError } from '../../testing/responseError';
import { AuditEventsError } from './AuditEventsError';

describe('AuditEventsError', () => {
  it('shows the backend message naming the refused filter, and clears filters', async () => {
    const onClearFilters = jest.fn();
    await renderInTestApp(
      <AuditEventsError
        error={await responseError(400, "Invalid 'from': not an ISO 8601 time")}
        onRetry={jest.fn()}
        onClearFilters={onClearFilters}
      />,
    );
    expect(
      screen.getByText('The audit backend refused these filters'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Invalid 'from': not an ISO 8601 time/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Retry' }),
    ).not.toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    expect(onClearFilters).toHaveBeenCalled();
  });

  it('shows the access state for a 403', async () => {
    await renderInTestApp(
      <AuditEventsError error={await responseError(403, 'Forbidden')} />,
    );
    expect(
      screen.getByText(
        'You need to be an admin or an auditor to read the audit log',
      ),
    ).toBeInTheDocument();
  });

  it('offers a retry for other failures', async () => {
    const onRetry = jest.fn();
    await renderInTestApp(
      <AuditEventsError
        error={await responseError(503, 'database unavailable')}
        onRetry={onRetry}
      />,
    );
    expect(screen.getByText('Could not load audit events')).toBeInTheDocument();
    expect(
      screen.getByText(/database unavailable \(HTTP 503\)/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalled();
  });

  it('shows a network error as it is', async () => {
    await renderInTestApp(
      <AuditEventsError error={new TypeError('Failed to fetch')} />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not load audit eventsFailed to fetch',
    );
  });
});
