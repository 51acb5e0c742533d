import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { provisioningApiRef, type ProvisioningApi } from '../../api';
import { makeEvent, makeRun } from '../../testing/makeRun';
import { ProvisioningPage } from './ProvisioningPage';

function mockApi(overrides: Partial<ProvisioningApi> = {}) {
  return {
    listRuns: jest.fn().mockResolvedValue({ items: [] }),
    getRun: jest.fn(),
    ...overrides,
  } as jest.Mocked<ProvisioningApi>;
}

const render = (api: ProvisioningApi, url = '/provisioning') =>
  renderInTestApp(<ProvisioningPage />, {
    initialRouteEntries: [url],
    apis: [[provisioningApiRef, api]],
  });

describe('ProvisioningPage', () => {
  it('says how runs start when there are none', async () => {
    await render(mockApi());
    expect(
      await screen.findByText('No provisioning runs yet'),
    ).toBeInTheDocument();
    expect(screen.getByText(/argo-events:trigger/)).toBeInTheDocument();
  });

  it('lists runs and shows the newest one with its timeline and links', async () => {
    const done = makeRun('r-2', {
      status: 'succeeded',
      events: [
        makeEvent(1, { message: 'Creating namespace' }),
        makeEvent(2, {
          status: 'succeeded',
          message: 'Namespace ready',
          resources: [
            {
              title: 'Namespace staging',
              url: 'https://console.example.com/ns/staging',
            },
          ],
        }),
      ],
    });
    const api = mockApi({
      listRuns: jest.fn().mockResolvedValue({
        items: [done, makeRun('r-1', { status: 'failed' })],
      }),
      getRun: jest.fn().mockResolvedValue(done),
    });
    await render(api);
    const table = await screen.findByRole('table', {
      name: 'Provisioning runs',
    });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    const timeline = await screen.findByRole('list', { name: 'Timeline' });
    expect(within(timeline).getByText('Namespace ready')).toBeInTheDocument();
    expect(
      within(timeline).getByRole('link', { name: /Namespace staging/ }),
    ).toHaveAttribute('href', 'https://console.example.com/ns/staging');
    expect(api.getRun).toHaveBeenCalledWith('r-2');
  });

  it('passes the URL filters to the backend and shows the filtered empty state', async () => {
    const api = mockApi();
    await render(
      api,
      '/provisioning?entityRef=component%3Adefault%2Fx&status=failed&owner=group%3Adefault%2Fa',
    );
    await waitFor(() =>
      expect(api.listRuns).toHaveBeenCalledWith({
        entityRef: 'component:default/x',
        owner: 'group:default/a',
        status: 'failed',
        limit: 50,
      }),
    );
    expect(
      await screen.findByText('No run matches these filters'),
    ).toBeInTheDocument();
  });

  it('shows another run when its row is clicked', async () => {
    const runs = [
      makeRun('r-2'),
      makeRun('r-1', {
        template: 'database',
        status: 'failed',
        failureReason: 'Step db failed: quota',
      }),
    ];
    const api = mockApi({
      listRuns: jest.fn().mockResolvedValue({ items: runs }),
      getRun: jest.fn(async id => runs.find(r => r.id === id)!),
    });
    await render(api);
    const table = await screen.findByRole('table', {
      name: 'Provisioning runs',
    });
    await userEvent.click(within(table).getByText('database'));
    expect(
      await screen.findByText('Step db failed: quota'),
    ).toBeInTheDocument();
  });

  it('keeps polling a running run and shows new steps', async () => {
    const first = makeRun('r-1', { events: [makeEvent(1)] });
    const second = makeRun('r-1', {
      events: [
        makeEvent(1),
        makeEvent(2, { step: 'rbac', message: 'Granting rights' }),
      ],
    });
    const api = mockApi({
      listRuns: jest.fn().mockResolvedValue({ items: [first] }),
      getRun: jest.fn().mockResolvedValueOnce(first).mockResolvedValue(second),
    });
    await render(api);
    expect(
      await screen.findByText('Granting rights', {}, { timeout: 8000 }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Updating every few seconds/)).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    const api = mockApi({
      listRuns: jest
        .fn()
        .mockRejectedValue(new Error('Invalid query parameter status')),
    });
    await render(api);
    expect(
      (await screen.findAllByText(/Invalid query parameter status/)).length,
    ).toBeGreaterThan(0);
  });
});
