import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { alertApiRef } from '@backstage/frontend-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  argocdApplicationRefreshPermission,
  argocdApplicationSyncPermission,
} from '@internal/plugin-portico-permissions-common';
import { ArgocdClient, argocdApiRef, type ArgocdApi } from '../../api';
import { makeComponent } from '../../testing/entities';
import {
  makeActionResponse,
  makeApplicationDetail,
  makeEntityDetail,
} from '../../testing/fixtures';
import { mockArgocdApi } from '../../testing/mockArgocdApi';
import { EntityDeploymentsContent } from './EntityDeploymentsContent';

// usePermission caches answers across renders (SWR), so each test states its own answer here.
jest.mock('@backstage/plugin-permission-react', () => ({
  ...jest.requireActual('@backstage/plugin-permission-react'),
  usePermission: jest.fn(),
}));
const mockUsePermission = usePermission as jest.MockedFunction<
  typeof usePermission
>;

function renderContent(
  argocdApi: ArgocdApi,
  options: {
    allowed?: boolean;
    entity?: ReturnType<typeof makeComponent>;
  } = {},
) {
  mockUsePermission.mockReturnValue({
    loading: false,
    allowed: options.allowed ?? true,
  });
  const alertApi = mockApis.alert();
  const rendered = renderInTestApp(
    <EntityProvider entity={options.entity ?? makeComponent()}>
      <EntityDeploymentsContent />
    </EntityProvider>,
    {
      apis: [
        [argocdApiRef, argocdApi],
        [alertApiRef, alertApi],
      ],
    },
  );
  return { ...rendered, alertApi };
}

describe('EntityDeploymentsContent', () => {
  beforeEach(() => mockUsePermission.mockReset());

  it('shows sync, revision, health, rollout, operation, history, resources and the Argo CD link', async () => {
    const argocdApi = mockArgocdApi();
    renderContent(argocdApi);

    const panel = await screen.findByTestId('argocd-app-prod-payments-api');
    expect(argocdApi.getEntityDetail).toHaveBeenCalledWith(
      'component:default/payments-api',
    );
    const inPanel = within(panel);
    expect(inPanel.getByTitle('Sync status: Synced')).toBeInTheDocument();
    expect(inPanel.getAllByTitle('Health: Healthy')).toHaveLength(3); // app + 2 resources
    expect(inPanel.getByText('matches the Git target')).toBeInTheDocument();
    expect(
      inPanel.getByText(/Succeeded · successfully synced/),
    ).toBeInTheDocument();
    // History: short sha, author without e-mail, message
    expect(inPanel.getAllByText('8f3c2a1').length).toBeGreaterThan(0);
    expect(inPanel.getByText('Ada Lovelace')).toBeInTheDocument();
    expect(inPanel.getByText('Raise the refund limit')).toBeInTheDocument();
    expect(inPanel.getByText('commit details unavailable')).toBeInTheDocument();
    // Resources
    expect(inPanel.getByText('Deployment')).toBeInTheDocument();
    expect(inPanel.getByText('Service')).toBeInTheDocument();
    expect(
      inPanel.getByRole('link', { name: /Open in Argo CD/ }),
    ).toHaveAttribute(
      'href',
      'https://argocd.prod.example/applications/argocd/payments-api',
    );
  });

  it('says when a newer commit waits to be deployed', async () => {
    const argocdApi = mockArgocdApi({
      getEntityDetail: jest.fn().mockResolvedValue(
        makeEntityDetail({
          applications: [
            makeApplicationDetail({
              syncStatus: 'OutOfSync',
              revisionInSync: false,
              deployedRevision: '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b',
              operation: {
                phase: 'Running',
                message:
                  'waiting for healthy state of apps/Deployment/payments-api',
                initiatedBy: 'bob',
              },
            }),
          ],
        }),
      ),
    });
    renderContent(argocdApi);

    expect(
      await screen.findByTitle('Sync status: OutOfSync'),
    ).toHaveTextContent('Out of sync');
    expect(screen.getByText(/not deployed yet/)).toBeInTheDocument();
    expect(
      screen.getByText(/Running · waiting for healthy state .* · by bob/),
    ).toBeInTheDocument();
  });

  it('shows non-owners disabled Sync and Hard refresh buttons with the reason', async () => {
    const argocdApi = mockArgocdApi({
      getEntityDetail: jest.fn().mockResolvedValue(
        makeEntityDetail({
          actions: {
            sync: { allowed: false },
            refresh: { allowed: false },
          },
        }),
      ),
    });
    renderContent(argocdApi, { allowed: false });

    const sync = await screen.findByRole('button', { name: 'Sync' });
    const refresh = screen.getByRole('button', { name: 'Hard refresh' });
    expect(sync).toBeDisabled();
    expect(refresh).toBeDisabled();
    expect(mockUsePermission).toHaveBeenCalledWith({
      permission: argocdApplicationSyncPermission,
      resourceRef: 'component:default/payments-api',
    });
    expect(mockUsePermission).toHaveBeenCalledWith({
      permission: argocdApplicationRefreshPermission,
      resourceRef: 'component:default/payments-api',
    });

    // The reason is on the page, and in the tooltip of the disabled button.
    const reason =
      'Only the owning team (or a Portico admin) can sync this application.';
    expect(screen.getByText(reason)).toBeInTheDocument();
    await userEvent.hover(screen.getByTestId('argocd-sync-denied'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent(reason);
    expect(argocdApi.sync).not.toHaveBeenCalled();
  });

  it('disables the actions, even for owners, on an application not tied to the owning team, saying why', async () => {
    const reason =
      'application "payments-api" is not labelled portico.io/team=payments-team';
    const argocdApi = mockArgocdApi({
      getEntityDetail: jest.fn().mockResolvedValue(
        makeEntityDetail({
          applications: [
            makeApplicationDetail({
              actionable: { allowed: false, reason },
            }),
          ],
        }),
      ),
    });
    renderContent(argocdApi, { allowed: true });

    const sync = await screen.findByRole('button', { name: 'Sync' });
    expect(sync).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Hard refresh' })).toBeDisabled();
    const text = `${reason}: Portico syncs and refreshes only applications of the owning team.`;
    expect(screen.getByText(text)).toBeInTheDocument();
    await userEvent.hover(screen.getByTestId('argocd-sync-denied'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent(text);
    expect(argocdApi.sync).not.toHaveBeenCalled();
  });

  it("says the backend's reason (who owns the service) when it gives one", async () => {
    const reason =
      'Only the owners of component:default/payments-api (payments-team) and admins may sync its Argo CD applications.';
    const argocdApi = mockArgocdApi({
      getEntityDetail: jest.fn().mockResolvedValue(
        makeEntityDetail({
          actions: {
            sync: { allowed: false, reason },
            refresh: { allowed: false, reason },
          },
        }),
      ),
    });
    renderContent(argocdApi, { allowed: false });

    expect(await screen.findByText(reason)).toBeInTheDocument();
  });

  it('lets an owner sync after confirming: POSTs the sync and reports the outcome', async () => {
    const fetchImpl = jest.fn(
      async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input);
        const json = (body: unknown) =>
          new Response(JSON.stringify(body), {
            headers: { 'content-type': 'application/json' },
          });
        if (url.endsWith('/config')) {
          return json({ configured: true, instances: [] });
        }
        if (url.endsWith('/sync') && init?.method === 'POST') {
          return json(makeActionResponse('sync', 'Running'));
        }
        return json(makeEntityDetail());
      },
    );
    const client = new ArgocdClient({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://portico.test' }),
      fetchApi: { fetch: fetchImpl as typeof fetch },
    });
    const { alertApi } = renderContent(client, { allowed: true });

    await userEvent.click(await screen.findByRole('button', { name: 'Sync' }));
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(
        /applies main \(8f3c2a1\) of payments-api into namespace payments on instance prod/,
      ),
    ).toBeInTheDocument();
    expect(fetchImpl).not.toHaveBeenCalledWith(
      expect.stringMatching(/\/sync$/),
      expect.anything(),
    );

    await userEvent.click(within(dialog).getByRole('button', { name: 'Sync' }));

    await waitFor(() =>
      expect(fetchImpl).toHaveBeenCalledWith(
        'http://portico.test/api/argocd/entities/component/default/payments-api/applications/prod/payments-api/sync',
        expect.objectContaining({
          method: 'POST',
          body: JSON.stringify({ appNamespace: 'argocd' }),
        }),
      ),
    );
    await alertApi.waitForAlert(
      a => a.message === 'Sync of payments-api on prod started (Running)',
    );
    expect(alertApi.getAlerts()[0].severity).toBe('success');
  });

  it('cancelling the confirmation runs nothing', async () => {
    const argocdApi = mockArgocdApi();
    renderContent(argocdApi, { allowed: true });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Hard refresh' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(argocdApi.refresh).not.toHaveBeenCalled();
  });

  it('reports a failed action in an error alert', async () => {
    const argocdApi = mockArgocdApi({
      refresh: jest
        .fn()
        .mockRejectedValue(
          new Error(
            'Argo CD refused to hard-refresh application "payments-api": HTTP 503',
          ),
        ),
    });
    const { alertApi } = renderContent(argocdApi, { allowed: true });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Hard refresh' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Hard refresh' }),
    );

    const alert = await alertApi.waitForAlert(a => a.severity === 'error');
    expect(alert.message).toBe(
      'Hard refresh of payments-api failed: Argo CD refused to hard-refresh application "payments-api": HTTP 503',
    );
  });

  it('shows a stale instance as a banner with its age and error, and still shows its data and other instances', async () => {
    const argocdApi = mockArgocdApi({
      getEntityDetail: jest.fn().mockResolvedValue(
        makeEntityDetail({
          applications: [
            makeApplicationDetail(),
            makeApplicationDetail({
              instance: 'staging',
              uiUrl:
                'https://argocd.staging.example/applications/argocd/payments-api',
            }),
          ],
          instances: [
            {
              name: 'prod',
              status: 'stale',
              ageSeconds: 4 * 60 + 10,
              error: 'connect ECONNREFUSED',
            },
            { name: 'staging', status: 'ok', ageSeconds: 5 },
          ],
        }),
      ),
    });
    renderContent(argocdApi);

    const banner = await screen.findByTestId('argocd-instance-banner-prod');
    expect(banner).toHaveTextContent(
      'Argo CD instance prod: stale, 4 min — connect ECONNREFUSED',
    );
    expect(
      screen.queryByTestId('argocd-instance-banner-staging'),
    ).not.toBeInTheDocument();
    expect(
      screen.getByTestId('argocd-app-prod-payments-api'),
    ).toBeInTheDocument();
    expect(
      screen.getByTestId('argocd-app-staging-payments-api'),
    ).toBeInTheDocument();
    // The stale instance's application says its data is old; the fresh one does not.
    expect(
      within(screen.getByTestId('argocd-app-prod-payments-api')).getByText(
        'stale, 4 min',
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('argocd-app-staging-payments-api')).queryByText(
        /stale/,
      ),
    ).not.toBeInTheDocument();
  });

  it('says "Argo CD is not connected" calmly when the backend has no instance, without asking for the detail', async () => {
    const argocdApi = mockArgocdApi({
      getConfig: jest
        .fn()
        .mockResolvedValue({ configured: false, instances: [] }),
    });
    renderContent(argocdApi);

    expect(
      await screen.findByText('Argo CD is not connected to this portal'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: 'How a platform team connects Argo CD',
      }),
    ).toHaveAttribute('href', '/docs/default/component/portico/production/');
    expect(screen.queryByText(/Could not load/)).toBeNull();
    expect(argocdApi.getEntityDetail).not.toHaveBeenCalled();
  });

  it('explains the annotation, with a snippet, for an entity without one', async () => {
    const argocdApi = mockArgocdApi();
    renderContent(argocdApi, {
      entity: makeComponent('ledger', {}),
    });

    expect(
      await screen.findByText('No Argo CD application annotation'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(document.body.textContent).toMatch(/argocd\/app-name: ledger/),
    );
    expect(argocdApi.getEntityDetail).not.toHaveBeenCalled();
  });

  it('says when no application matches the annotation', async () => {
    const argocdApi = mockArgocdApi({
      getEntityDetail: jest
        .fn()
        .mockResolvedValue(
          makeEntityDetail({ state: 'not-found', applications: [] }),
        ),
    });
    renderContent(argocdApi);

    expect(
      await screen.findByText('No matching Argo CD application'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/has an application named payments-api/),
    ).toBeInTheDocument();
  });

  it('shows a backend failure as a warning with a retry, not a crash', async () => {
    const argocdApi = mockArgocdApi({
      getEntityDetail: jest
        .fn()
        .mockRejectedValueOnce(new Error('HTTP 502'))
        .mockResolvedValue(makeEntityDetail()),
    });
    renderContent(argocdApi);

    expect(
      await screen.findByText(/Could not load deployments/),
    ).toBeInTheDocument();
    expect(screen.getByText('HTTP 502')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByTestId('argocd-app-prod-payments-api'),
    ).toBeInTheDocument();
  });
});
