import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  SIGNALS,
  type Signal,
  type SignalResponse,
} from '@internal/plugin-observability-common';
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

/** A getMetrics answering each asked signal with `answer(signal)`. */
const metrics = (answer: (signal: Signal) => Partial<SignalResponse>) =>
  jest.fn(async (_e: unknown, signals: readonly Signal[]) => ({
    window,
    signals: signals.map(signal => ({
      signal,
      unit: 'count' as const,
      window,
      series: [],
      ...answer(signal),
    })),
  }));

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
      getMetrics: metrics(() => empty),
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
      getMetrics: metrics(signal =>
        signal === 'cpu'
          ? {
              unit: 'cores',
              series: [
                { name: 'usage', points: points([0.2, 0.25]) },
                { name: 'requests', points: points([0.5, 0.5]) },
                { name: 'limits', points: points([1, 1]) },
              ],
            }
          : { empty: 'no-data' },
      ),
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

  it('asks for every signal in one request, and once more when the range changes', async () => {
    const api = mockObservabilityApi();
    await render(api);
    await waitFor(() => expect(api.getMetrics).toHaveBeenCalledTimes(1));
    expect(api.getMetrics).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'checkout' }),
      [...SIGNALS],
      '1h',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Last 7d' }));
    await waitFor(() => expect(api.getMetrics).toHaveBeenCalledTimes(2));
    expect(api.getMetrics).toHaveBeenLastCalledWith(
      expect.objectContaining({ name: 'checkout' }),
      [...SIGNALS],
      '7d',
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
      getMetrics: jest.fn(async () => {
        throw await responseError(504, 'Prometheus did not answer within 10s');
      }),
    });
    await render(api);
    expect(
      (await screen.findAllByText('Prometheus did not answer within 10s'))
        .length,
    ).toBe(6);
  });

  it('names the one signal whose queries failed, and draws the others', async () => {
    const api = mockObservabilityApi({
      getMetrics: metrics(signal =>
        signal === 'latency'
          ? {
              error: {
                name: 'UpstreamError',
                statusCode: 502,
                message:
                  'Prometheus could not run the latency p99 query (execution)',
              },
            }
          : {
              unit: 'requests/s',
              series: [{ name: 'rate', points: points([85, 85.4]) }],
            },
      ),
    });
    await render(api);
    const latency = await screen.findByTestId('signal-latency');
    await waitFor(() =>
      expect(
        within(latency).getByText('Prometheus is unreachable'),
      ).toBeInTheDocument(),
    );
    expect(
      within(latency).getByText(
        'Prometheus could not run the latency p99 query (execution)',
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText('Prometheus is unreachable')).toHaveLength(1);
    expect(
      within(screen.getByTestId('signal-cpu')).getByText('85.4 req/s'),
    ).toBeInTheDocument();
  });

  it('keeps the charts, dimmed under a progress bar, while another range loads', async () => {
    let answer7d: () => void = () => {};
    const rate = metrics(() => ({
      unit: 'requests/s',
      series: [{ name: 'rate', points: points([85, 85.4]) }],
    }));
    const api = mockObservabilityApi({
      getMetrics: jest.fn(async (entity, signals, range) => {
        if (range === '7d') {
          await new Promise<void>(resolve => {
            answer7d = resolve;
          });
        }
        return rate(entity, signals);
      }),
    });
    await render(api);
    const cpu = await screen.findByTestId('signal-cpu');
    await waitFor(() =>
      expect(within(cpu).getByText('85.4 req/s')).toBeInTheDocument(),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Last 7d' }));
    await waitFor(() =>
      expect(within(cpu).getByLabelText('Loading')).toBeInTheDocument(),
    );
    expect(within(cpu).getByText('85.4 req/s')).toBeInTheDocument();
    expect(cpu.querySelector('[aria-busy="true"]')).not.toBeNull();
    answer7d();
    await waitFor(() =>
      expect(cpu.querySelector('[aria-busy="true"]')).toBeNull(),
    );
    expect(within(cpu).getByText('85.4 req/s')).toBeInTheDocument();
  });
});
