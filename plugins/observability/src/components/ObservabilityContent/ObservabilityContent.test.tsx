import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { observabilityApiRef } from '../../api';
import { checkoutEntity } from '../../testing/entity';
import { mockObservabilityApi } from '../../testing/mockObservabilityApi';
import { responseError } from '../../testing/responseError';
import { ObservabilityContent } from './ObservabilityContent';

const window = { start: 1000, end: 4600, step: 15 };
const points = (values: number[]) =>
  values.map((v, i) => [1000 + i * 15, v] as [number, number]);

function render(api: ReturnType<typeof mockObservabilityApi>) {
  return renderInTestApp(
    <EntityProvider entity={checkoutEntity}>
      <ObservabilityContent />
    </EntityProvider>,
    { apis: [[observabilityApiRef, api]] },
  );
}

describe('ObservabilityContent', () => {
  it('says Prometheus, Loki and Grafana are not configured, without error boxes', async () => {
    const api = mockObservabilityApi({
      getLogs: jest.fn().mockResolvedValue({
        window,
        lines: [],
        truncated: false,
        empty: 'not-configured',
      }),
    });
    await render(api);
    expect(
      await screen.findAllByText('Prometheus not configured'),
    ).not.toHaveLength(0);
    expect(await screen.findByText('Loki not configured')).toBeInTheDocument();
    expect(
      await screen.findByText('Grafana not configured'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says calmly that the owning team holds no namespaces yet', async () => {
    const empty = { empty: 'no-namespaces' as const };
    const api = mockObservabilityApi({
      getSignal: jest.fn(async (_e, signal) => ({
        signal,
        unit: 'count' as const,
        window,
        series: [],
        ...empty,
      })),
      getGrafanaPanels: jest.fn().mockResolvedValue({ panels: [], ...empty }),
      getLogs: jest.fn().mockResolvedValue({
        window,
        lines: [],
        truncated: false,
        ...empty,
      }),
    });
    await render(api);
    expect(
      await screen.findAllByText('The owning team holds no namespaces yet'),
    ).toHaveLength(8); // six charts, the panels and the logs
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('names the refusal of an annotation pointing at another team', async () => {
    const message =
      'The entity\'s backstage.io/kubernetes-namespace annotation names namespace "payments", which is not one of team-a\'s namespaces: metrics, logs, panels and cost read only namespaces the owning team holds';
    const api = mockObservabilityApi({
      getGrafanaPanels: jest.fn(async () => {
        throw await responseError(403, message);
      }),
    });
    await render(api);
    expect(
      await screen.findByText('Refused by the platform'),
    ).toBeInTheDocument();
    expect(screen.getByText(message)).toBeInTheDocument();
  });

  it('draws each signal with its latest values and requests/limits references', async () => {
    const api = mockObservabilityApi({
      getSignal: jest.fn(async (_e, signal) => {
        if (signal === 'cpu') {
          return {
            signal,
            unit: 'cores' as const,
            window,
            series: [
              { name: 'usage', points: points([0.2, 0.25]) },
              { name: 'requests', points: points([0.5, 0.5]) },
              { name: 'limits', points: points([1, 1]) },
            ],
          };
        }
        return {
          signal,
          unit: 'count' as const,
          window,
          series: [],
          empty: 'no-data' as const,
        };
      }),
    });
    await render(api);
    const cpu = await screen.findByTestId('signal-cpu');
    await waitFor(() =>
      expect(within(cpu).getByText('250m')).toBeInTheDocument(),
    );
    expect(within(cpu).getByText('500m')).toBeInTheDocument();
    expect(within(cpu).getByText('1 cores')).toBeInTheDocument();
    expect(
      within(screen.getByTestId('signal-memory')).getByText(
        'No metrics for this service yet',
      ),
    ).toBeInTheDocument();
  });

  it('asks again for every signal when the range changes', async () => {
    const api = mockObservabilityApi();
    await render(api);
    await waitFor(() => expect(api.getSignal).toHaveBeenCalledTimes(6));
    await userEvent.click(screen.getByRole('button', { name: 'Last 7d' }));
    await waitFor(() =>
      expect(api.getSignal).toHaveBeenCalledWith(
        expect.objectContaining({ name: 'checkout' }),
        'latency',
        '7d',
      ),
    );
    expect(api.getGrafanaPanels).toHaveBeenLastCalledWith(
      expect.anything(),
      '7d',
    );
  });

  it('explains to non-owners why they do not see logs', async () => {
    const api = mockObservabilityApi({
      getLogs: jest.fn(async () => {
        throw await responseError(
          403,
          'Only the owners of component:default/checkout may read its logs (observability.logs.read)',
        );
      }),
    });
    await render(api);
    expect(
      await screen.findByText('Logs are visible to the owners of this service'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Only the owners of component:default\/checkout/),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText('Contains')).not.toBeInTheDocument();
  });

  it('shows log lines to owners and filters by text and level', async () => {
    const api = mockObservabilityApi({
      getLogs: jest.fn().mockResolvedValue({
        window,
        truncated: false,
        lines: [
          {
            timestamp: '2026-01-01T10:00:02Z',
            level: 'error',
            line: 'payment gateway timeout',
          },
          {
            timestamp: '2026-01-01T10:00:01Z',
            level: 'info',
            line: 'GET /cart 200',
          },
        ],
      }),
    });
    await render(api);
    expect(
      await screen.findByText('payment gateway timeout'),
    ).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Contains'), 'gateway');
    await waitFor(() =>
      expect(api.getLogs).toHaveBeenLastCalledWith(
        expect.anything(),
        expect.objectContaining({ query: 'gateway' }),
      ),
    );
  });

  it('embeds Grafana panels and links to the dashboard', async () => {
    const api = mockObservabilityApi({
      getGrafanaPanels: jest.fn().mockResolvedValue({
        dashboardUrl: 'https://grafana.example.com/d/svc?var-service=checkout',
        panels: [
          {
            panelId: 2,
            title: 'Requests',
            kind: 'iframe',
            src: 'https://grafana.example.com/d-solo/svc/?panelId=2',
          },
        ],
      }),
    });
    await render(api);
    const frame = await screen.findByTitle('Requests');
    expect(frame).toHaveAttribute(
      'src',
      'https://grafana.example.com/d-solo/svc/?panelId=2',
    );
    expect(screen.getByText('Open in Grafana').closest('a')).toHaveAttribute(
      'href',
      'https://grafana.example.com/d/svc?var-service=checkout',
    );
  });

  it('says the monitoring backend did not answer, as a notice', async () => {
    const api = mockObservabilityApi({
      getSignal: jest.fn(async () => {
        throw await responseError(504, 'Prometheus did not answer within 10s');
      }),
    });
    await render(api);
    expect(
      (await screen.findAllByText('Prometheus did not answer within 10s'))
        .length,
    ).toBe(6);
  });
});
