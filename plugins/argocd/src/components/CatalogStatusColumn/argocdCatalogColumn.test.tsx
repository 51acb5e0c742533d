import { screen, waitFor } from '@testing-library/react';
import { Table } from '@backstage/core-components';
import type { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  ARGOCD_SIGNAL_CHANNEL,
  type StatusResponse,
} from '@internal/plugin-argocd-common';
import { ArgocdClient, argocdApiRef } from '../../api';
import { makeComponent } from '../../testing/entities';
import { FakeSignalApi } from '../../testing/fakeSignalApi';
import { makeEntityStatus } from '../../testing/fixtures';
import { argocdCatalogColumn } from './argocdCatalogColumn';

function statusFetch(
  answer: (refs: string[]) => StatusResponse,
): jest.Mock<Promise<Response>, [RequestInfo | URL, RequestInit?]> {
  return jest.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
    const { entityRefs } = JSON.parse(String(init?.body));
    return new Response(JSON.stringify(answer(entityRefs)), {
      headers: { 'content-type': 'application/json' },
    });
  });
}

function renderCatalogTable(
  rows: Entity[],
  fetchImpl: jest.Mock,
  signals = new FakeSignalApi(),
) {
  const client = new ArgocdClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://portico.test' }),
    fetchApi: { fetch: fetchImpl as unknown as typeof fetch },
  });
  return renderInTestApp(
    <Table<{ entity: Entity }>
      title="Catalog"
      columns={[
        { title: 'Name', field: 'entity.metadata.name' },
        argocdCatalogColumn(),
      ]}
      data={rows.map(entity => ({ entity }))}
      options={{ paging: false }}
    />,
    {
      apis: [
        [argocdApiRef, client],
        [signalApiRef, signals],
      ],
    },
  );
}

describe('argocdCatalogColumn', () => {
  it('loads the status of every annotated row with ONE batched POST /status', async () => {
    const annotated = Array.from({ length: 20 }, (_, i) =>
      makeComponent(`svc-${i}`),
    );
    const plain = makeComponent('no-argo', {});
    const fetchImpl = statusFetch(refs => ({
      items: Object.fromEntries(
        refs.map(ref => [
          ref,
          makeEntityStatus(
            ref,
            ref.endsWith('svc-3')
              ? { syncStatus: 'OutOfSync', healthStatus: 'Degraded' }
              : {},
          ),
        ]),
      ),
      instances: [{ name: 'prod', status: 'ok', ageSeconds: 2 }],
    }));

    await renderCatalogTable([...annotated, plain], fetchImpl);

    await waitFor(() =>
      expect(screen.getAllByTestId('argocd-status-cell')).toHaveLength(20),
    );
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    const [url, init] = fetchImpl.mock.calls[0];
    expect(url).toBe('http://portico.test/api/argocd/status');
    expect(JSON.parse(String(init?.body)).entityRefs).toEqual(
      annotated.map(e => `component:default/${e.metadata.name}`),
    );
    expect(screen.getAllByTitle('Sync status: Synced')).toHaveLength(19);
    expect(screen.getByTitle('Sync status: OutOfSync')).toBeInTheDocument();
    expect(screen.getByTitle('Health: Degraded')).toBeInTheDocument();
    expect(screen.getByTitle('No Argo CD annotation')).toHaveTextContent('—');
  });

  it('marks rows whose data comes from a stale instance', async () => {
    const fetchImpl = statusFetch(refs => ({
      items: Object.fromEntries(
        refs.map(ref => [
          ref,
          makeEntityStatus(ref, { degradedInstances: ['prod'] }),
        ]),
      ),
      instances: [
        { name: 'prod', status: 'stale', ageSeconds: 240, error: 'HTTP 503' },
      ],
    }));

    await renderCatalogTable([makeComponent('payments-api')], fetchImpl);

    expect(await screen.findByText('stale')).toBeInTheDocument();
    expect(screen.getByTitle('Health: Healthy')).toBeInTheDocument();
  });

  it('says "unavailable" instead of failing when the backend does not answer', async () => {
    const fetchImpl = jest.fn(
      async () => new Response('nope', { status: 503 }),
    );

    await renderCatalogTable([makeComponent('payments-api')], fetchImpl);

    expect(await screen.findByText('unavailable')).toBeInTheDocument();
  });

  it('shows a calm dash, not "no application", when no Argo CD instance is configured', async () => {
    const fetchImpl = statusFetch(refs => ({
      items: Object.fromEntries(
        refs.map(ref => [ref, makeEntityStatus(ref, { state: 'not-found' })]),
      ),
      instances: [],
    }));

    await renderCatalogTable([makeComponent('payments-api')], fetchImpl);

    expect(
      await screen.findByTitle('Argo CD is not connected to this portal'),
    ).toHaveTextContent('—');
    expect(screen.queryByText('no application')).toBeNull();
    expect(screen.queryByText('unavailable')).toBeNull();
  });
});

describe('argocdCatalogColumn with signals', () => {
  it('refreshes only the rows a signal names, in one batched request, without a reload', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => makeComponent(`svc-${i}`));
    let degraded = false;
    const fetchImpl = statusFetch(refs => ({
      items: Object.fromEntries(
        refs.map(ref => [
          ref,
          makeEntityStatus(
            ref,
            degraded && ref.endsWith('svc-2')
              ? { syncStatus: 'OutOfSync', healthStatus: 'Degraded' }
              : {},
          ),
        ]),
      ),
      instances: [{ name: 'prod', status: 'ok', ageSeconds: 1 }],
    }));
    const signals = new FakeSignalApi();
    await renderCatalogTable(rows, fetchImpl, signals);
    await waitFor(() =>
      expect(screen.getAllByTestId('argocd-status-cell')).toHaveLength(5),
    );
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    expect(signals.open(ARGOCD_SIGNAL_CHANNEL)).toBe(1);

    // A change of an application no row shows: nobody asks again.
    signals.send(ARGOCD_SIGNAL_CHANNEL, {
      type: 'applications-changed',
      instances: ['prod'],
      applications: [{ instance: 'prod', namespace: 'argocd', name: 'other' }],
    });
    await new Promise(r => setTimeout(r, 400));
    expect(fetchImpl).toHaveBeenCalledTimes(1);

    degraded = true;
    for (const name of ['svc-2', 'svc-4']) {
      signals.send(ARGOCD_SIGNAL_CHANNEL, {
        type: 'applications-changed',
        instances: ['prod'],
        applications: [{ instance: 'prod', namespace: 'argocd', name }],
      });
    }
    await waitFor(() => expect(fetchImpl).toHaveBeenCalledTimes(2));
    await waitFor(() =>
      expect(screen.getByTitle('Health: Degraded')).toBeInTheDocument(),
    );
    expect(
      JSON.parse(String(fetchImpl.mock.calls[1][1]?.body)).entityRefs,
    ).toEqual(['component:default/svc-2', 'component:default/svc-4']);
    // The other rows kept their chips throughout (no skeleton while refreshing).
    expect(screen.getAllByTestId('argocd-status-cell')).toHaveLength(5);
  });
});
