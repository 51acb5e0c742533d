import { screen, waitFor } from '@testing-library/react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { ARGOCD_SIGNAL_CHANNEL } from '@internal/plugin-argocd-common';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { argocdApiRef, type ArgocdApi } from '../../api';
import { makeComponent } from '../../testing/entities';
import {
  makeApplicationDetail,
  makeEntityDetail,
} from '../../testing/fixtures';
import { FakeSignalApi } from '../../testing/fakeSignalApi';
import { mockArgocdApi } from '../../testing/mockArgocdApi';
import { EntityDeploymentCard } from './EntityDeploymentCard';

function renderCard(argocdApi: ArgocdApi, signals = new FakeSignalApi()) {
  return renderInTestApp(
    <EntityProvider entity={makeComponent()}>
      <EntityDeploymentCard />
    </EntityProvider>,
    {
      apis: [
        [argocdApiRef, argocdApi],
        [signalApiRef, signals],
      ],
    },
  );
}

describe('EntityDeploymentCard', () => {
  it('shows a change the backend signals for one of its applications, without a reload', async () => {
    const getEntityDetail = jest
      .fn()
      .mockResolvedValueOnce(makeEntityDetail())
      .mockResolvedValue(
        makeEntityDetail({
          applications: [makeApplicationDetail({ healthStatus: 'Degraded' })],
        }),
      );
    const signals = new FakeSignalApi();
    await renderCard(mockArgocdApi({ getEntityDetail }), signals);
    expect(await screen.findByTitle('Health: Healthy')).toBeInTheDocument();

    const change = (name: string) =>
      signals.send(ARGOCD_SIGNAL_CHANNEL, {
        type: 'applications-changed',
        instances: ['prod'],
        applications: [{ instance: 'prod', namespace: 'argocd', name }],
      });
    change('someone-elses-app');
    await new Promise(r => setTimeout(r, 400));
    expect(getEntityDetail).toHaveBeenCalledTimes(1);

    change('payments-api');
    expect(await screen.findByTitle('Health: Degraded')).toBeInTheDocument();
    await waitFor(() => expect(getEntityDetail).toHaveBeenCalledTimes(2));
    expect(screen.queryByTitle('Health: Healthy')).not.toBeInTheDocument();
  });

  it('shows each application at a glance: chips, revisions, last rollout, operation', async () => {
    await renderCard(
      mockArgocdApi({
        getEntityDetail: jest.fn().mockResolvedValue(
          makeEntityDetail({
            applications: [
              makeApplicationDetail(),
              makeApplicationDetail({
                instance: 'staging',
                syncStatus: 'OutOfSync',
                healthStatus: 'Progressing',
                revisionInSync: false,
              }),
            ],
          }),
        ),
      }),
    );

    expect(await screen.findByText('on prod')).toBeInTheDocument();
    expect(screen.getByText('Deployment')).toBeInTheDocument();
    expect(screen.getByText('on staging')).toBeInTheDocument();
    expect(screen.getByTitle('Sync status: OutOfSync')).toBeInTheDocument();
    expect(screen.getByTitle('Health: Progressing')).toBeInTheDocument();
    expect(screen.getByText('matches the Git target')).toBeInTheDocument();
    expect(screen.getByText(/not deployed yet/)).toBeInTheDocument();
    expect(screen.getAllByText('Last rollout')).toHaveLength(2);
    expect(
      screen.getAllByRole('link', { name: 'payments-api' })[0],
    ).toHaveAttribute(
      'href',
      'https://argocd.prod.example/applications/argocd/payments-api',
    );
  });

  it('keeps a stale instance visible with a banner', async () => {
    await renderCard(
      mockArgocdApi({
        getEntityDetail: jest.fn().mockResolvedValue(
          makeEntityDetail({
            instances: [
              {
                name: 'prod',
                status: 'stale',
                ageSeconds: 300,
                error: 'timeout after 10 s',
              },
            ],
          }),
        ),
      }),
    );

    expect(
      await screen.findByText(
        /Argo CD instance prod: stale, 5 min — timeout after 10 s/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('on prod')).toBeInTheDocument();
  });

  it('shows a calm "not connected" state, with a link to the setup docs, when Argo CD is not configured', async () => {
    const argocdApi = mockArgocdApi({
      getConfig: jest
        .fn()
        .mockResolvedValue({ configured: false, instances: [] }),
    });
    await renderCard(argocdApi);

    expect(
      await screen.findByText('Argo CD is not connected to this portal.'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: 'How a platform team connects Argo CD',
      }),
    ).toHaveAttribute('href', '/docs/default/component/portico/production/');
    expect(screen.queryByText(/unavailable|error|failed/i)).toBeNull();
    expect(argocdApi.getEntityDetail).not.toHaveBeenCalled();
  });
});
