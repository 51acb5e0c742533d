import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { observabilityApiRef } from '../../api';
import { checkoutEntity } from '../../testing/entity';
import { mockObservabilityApi } from '../../testing/mockObservabilityApi';
import { OverviewCard } from './OverviewCard';

describe('OverviewCard', () => {
  it('shows the current value of every signal', async () => {
    const api = mockObservabilityApi({
      getSummary: jest.fn().mockResolvedValue({
        window: { start: 0, end: 3600, step: 60 },
        signals: [
          {
            signal: 'cpu',
            unit: 'cores',
            series: [{ name: 'usage', current: 0.42, sparkline: [0.4, 0.42] }],
          },
          {
            signal: 'memory',
            unit: 'bytes',
            series: [{ name: 'usage', current: 268435456, sparkline: [1, 2] }],
          },
          {
            signal: 'errorPercentage',
            unit: 'percent',
            series: [{ name: 'errors', current: 4.7619, sparkline: [4, 5] }],
          },
          {
            signal: 'latency',
            unit: 'seconds',
            series: [{ name: 'p95', current: 0.3, sparkline: [0.3, 0.3] }],
          },
          { signal: 'restarts', unit: 'count', series: [], empty: 'no-data' },
        ],
      }),
    });
    await renderInTestApp(
      <EntityProvider entity={checkoutEntity}>
        <OverviewCard />
      </EntityProvider>,
      { apis: [[observabilityApiRef, api]] },
    );
    expect(await screen.findByLabelText('CPU')).toHaveTextContent('420m');
    expect(screen.getByLabelText('Memory')).toHaveTextContent('256 MiB');
    expect(screen.getByLabelText('Errors')).toHaveTextContent('4.76 %');
    expect(screen.getByLabelText('Latency p95')).toHaveTextContent('300 ms');
    expect(screen.getByLabelText('Restarts')).toHaveTextContent('–');
  });

  it('says a signal whose queries failed is unavailable, and shows the others', async () => {
    const api = mockObservabilityApi({
      getSummary: jest.fn().mockResolvedValue({
        window: { start: 0, end: 3600, step: 60 },
        signals: [
          {
            signal: 'cpu',
            unit: 'cores',
            series: [{ name: 'usage', current: 0.42, sparkline: [0.4, 0.42] }],
          },
          {
            signal: 'latency',
            unit: 'seconds',
            series: [],
            error: {
              name: 'UpstreamError',
              statusCode: 502,
              message: 'Prometheus could not run the latency p95 query',
            },
          },
          { signal: 'restarts', unit: 'count', series: [], empty: 'no-data' },
        ],
      }),
    });
    await renderInTestApp(
      <EntityProvider entity={checkoutEntity}>
        <OverviewCard />
      </EntityProvider>,
      { apis: [[observabilityApiRef, api]] },
    );
    expect(await screen.findByLabelText('CPU')).toHaveTextContent('420m');
    expect(screen.getByLabelText('Latency p95')).toHaveTextContent('–');
    expect(screen.getAllByText('unavailable')).toHaveLength(1);
    expect(screen.getAllByText('no data')).toHaveLength(1);
  });

  it('says when the service has no metrics yet', async () => {
    const api = mockObservabilityApi({
      getSummary: jest.fn().mockResolvedValue({
        window: { start: 0, end: 1, step: 60 },
        signals: [],
        empty: 'no-data',
      }),
    });
    await renderInTestApp(
      <EntityProvider entity={checkoutEntity}>
        <OverviewCard />
      </EntityProvider>,
      { apis: [[observabilityApiRef, api]] },
    );
    expect(
      await screen.findByText('No metrics for this service yet'),
    ).toBeInTheDocument();
  });
});
