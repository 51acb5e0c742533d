import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { usePermission } from '@backstage/plugin-permission-react';
import { auditLogReadPermission } from '@internal/plugin-portico-permissions-common';
import { auditApiRef } from '../../api';
import { makeAuditEvent } from '../../testing/makeAuditEvent';
import { mockAuditApi } from '../../testing/mockAuditApi';
import { responseError } from '../../testing/responseError';
import { AuditLogPage } from './AuditLogPage';
import { AUDIT_EVENTS_PAGE_SIZE } from './useAuditEvents';

// usePermission caches answers across renders (SWR), so each test states its own answer here.
jest.mock('@backstage/plugin-permission-react', () => ({
  ...jest.requireActual('@backstage/plugin-permission-react'),
  usePermission: jest.fn(),
}));
const mockUsePermission = usePermission as jest.MockedFunction<
  typeof usePermission
>;

function renderPage(
  auditApi: ReturnType<typeof mockAuditApi>,
  options: { url?: string; allowed?: boolean } = {},
) {
  mockUsePermission.mockReturnValue({
    loading: false,
    allowed: options.allowed ?? true,
  });
  return renderInTestApp(<AuditLogPage />, {
    initialRouteEntries: [options.url ?? '/audit'],
    apis: [[auditApiRef, auditApi]],
  });
}

function eventRows() {
  return within(screen.getByRole('table', { name: 'Audit events' }))
    .getAllByRole('row')
    .slice(1);
}

describe('AuditLogPage', () => {
  it('renders the rows of the first page', async () => {
    const auditApi = mockAuditApi({
      listEvents: jest.fn().mockResolvedValue({
        items: [
          makeAuditEvent('2', { action: 'scaffolder.task', outcome: 'failed' }),
          makeAuditEvent('1'),
        ],
      }),
    });
    await renderPage(auditApi);

    expect(await screen.findByText('scaffolder.task')).toBeInTheDocument();
    expect(eventRows()).toHaveLength(2);
    expect(auditApi.listEvents).toHaveBeenCalledWith({
      filter: {},
      limit: AUDIT_EVENTS_PAGE_SIZE,
    });
    expect(
      screen.getByText(/2 events: the end of the log/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();
  });

  it('reads the filters from the URL', async () => {
    const auditApi = mockAuditApi();
    await renderPage(auditApi, {
      url: '/audit?actor=user%3Adefault%2Falice&outcome=failed&from=2024-03-01T00%3A00%3A00.000Z',
    });
    await waitFor(() =>
      expect(auditApi.listEvents).toHaveBeenCalledWith({
        filter: {
          actor: 'user:default/alice',
          outcome: 'failed',
          from: '2024-03-01T00:00:00.000Z',
        },
        limit: AUDIT_EVENTS_PAGE_SIZE,
      }),
    );
    expect(screen.getByLabelText('Actor')).toHaveValue('user:default/alice');
  });

  it('applies filters: the client is called with them', async () => {
    const auditApi = mockAuditApi();
    await renderPage(auditApi);
    await screen.findByText('No audit events recorded yet');

    await userEvent.type(
      screen.getByLabelText('Action'),
      'catalog.entity-mutate',
    );
    await userEvent.type(
      screen.getByLabelText('Entity ref'),
      'component:default/checkout',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));

    await waitFor(() =>
      expect(auditApi.listEvents).toHaveBeenLastCalledWith({
        filter: {
          action: 'catalog.entity-mutate',
          entityRef: 'component:default/checkout',
        },
        limit: AUDIT_EVENTS_PAGE_SIZE,
      }),
    );
    expect(
      await screen.findByText('No audit events match these filters'),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Clear' }));
    await waitFor(() =>
      expect(auditApi.listEvents).toHaveBeenLastCalledWith({
        filter: {},
        limit: AUDIT_EVENTS_PAGE_SIZE,
      }),
    );
  });

  it('loads more with the cursor of the last page', async () => {
    const listEvents = jest
      .fn()
      .mockResolvedValueOnce({
        items: [makeAuditEvent('3'), makeAuditEvent('2')],
        nextCursor: 'cursor-after-2',
      })
      .mockResolvedValueOnce({ items: [makeAuditEvent('1')] });
    const auditApi = mockAuditApi({ listEvents });
    await renderPage(auditApi, { url: '/audit?plugin=catalog' });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Load more' }),
    );

    await waitFor(() => expect(eventRows()).toHaveLength(3));
    expect(listEvents).toHaveBeenLastCalledWith({
      filter: { plugin: 'catalog' },
      cursor: 'cursor-after-2',
      limit: AUDIT_EVENTS_PAGE_SIZE,
    });
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();
  });

  it('shows the access state up front when the permission is denied', async () => {
    const auditApi = mockAuditApi();
    await renderPage(auditApi, { allowed: false });
    expect(
      await screen.findByText(
        'You need to be an admin or an auditor to read the audit log',
      ),
    ).toBeInTheDocument();
    expect(mockUsePermission).toHaveBeenCalledWith({
      permission: auditLogReadPermission,
    });
    expect(auditApi.listEvents).not.toHaveBeenCalled();
    expect(auditApi.getWriterStatus).not.toHaveBeenCalled();
  });

  it('shows progress while the permission is being checked', async () => {
    const auditApi = mockAuditApi();
    mockUsePermission.mockReturnValue({ loading: true, allowed: false });
    await renderInTestApp(<AuditLogPage />, {
      apis: [[auditApiRef, auditApi]],
    });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(auditApi.listEvents).not.toHaveBeenCalled();
  });

  it('says so when the permission cannot be checked', async () => {
    mockUsePermission.mockReturnValue({
      loading: false,
      allowed: false,
      error: new Error('permission backend unreachable'),
    });
    await renderInTestApp(<AuditLogPage />, {
      apis: [[auditApiRef, mockAuditApi()]],
    });
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not check your access to the audit log: permission backend unreachable',
    );
  });

  it('shows the access state when the backend answers 403', async () => {
    const auditApi = mockAuditApi({
      listEvents: jest
        .fn()
        .mockRejectedValue(await responseError(403, 'Forbidden')),
    });
    await renderPage(auditApi);
    expect(
      await screen.findByText(
        'You need to be an admin or an auditor to read the audit log',
      ),
    ).toBeInTheDocument();
  });

  it('shows the backend message of a 400 naming the field', async () => {
    const auditApi = mockAuditApi({
      listEvents: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            400,
            "Invalid query parameter 'to': not an ISO 8601 time",
          ),
        ),
    });
    await renderPage(auditApi, { url: '/audit?to=yesterday' });
    expect(
      await screen.findByText(
        /Invalid query parameter 'to': not an ISO 8601 time/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('The audit backend refused these filters'),
    ).toBeInTheDocument();
  });

  it('exports the CSV for the filters in force through the client', async () => {
    Object.assign(URL, {
      createObjectURL: jest.fn(() => 'blob:x'),
      revokeObjectURL: jest.fn(),
    });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    const auditApi = mockAuditApi({
      exportCsv: jest.fn().mockResolvedValue(new Blob(['id\n'])),
    });
    await renderPage(auditApi, { url: '/audit?actor=bob&outcome=succeeded' });
    await screen.findByText('No audit events match these filters');

    await userEvent.click(screen.getByRole('button', { name: /Export CSV/ }));

    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(auditApi.exportCsv).toHaveBeenCalledWith({
      actor: 'bob',
      outcome: 'succeeded',
    });
    click.mockRestore();
  });

  it('opens the event details from a row and closes them', async () => {
    const auditApi = mockAuditApi({
      listEvents: jest.fn().mockResolvedValue({
        items: [makeAuditEvent('5', { meta: { ticket: 'OPS-1' } })],
      }),
    });
    await renderPage(auditApi);
    await userEvent.click(await screen.findByText('req-5'));

    const details = await screen.findByRole('dialog', {
      name: 'Audit event details',
    });
    expect(within(details).getByText('hash-5')).toBeInTheDocument();
    expect(within(details).getByText(/"ticket": "OPS-1"/)).toBeInTheDocument();
    expect(auditApi.getEvent).not.toHaveBeenCalled();

    await userEvent.click(screen.getByLabelText('Close event details'));
    await waitFor(() =>
      expect(
        screen.queryByRole('dialog', { name: 'Audit event details' }),
      ).not.toBeInTheDocument(),
    );
  });

  it('shows the writer status and verifies the chain', async () => {
    const auditApi = mockAuditApi({
      verifyChain: jest.fn().mockResolvedValue({ ok: true, checked: 10 }),
    });
    await renderPage(auditApi);
    expect(await screen.findByText(/Writer: 0 buffered/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /Verify chain/ }));
    expect(
      await screen.findByText('Hash chain intact: 10 events checked.'),
    ).toBeInTheDocument();
  });
});
