import type { ObservabilityApi } from '../api';

/** An {@link ObservabilityApi} whose methods are jest mocks answering "not configured". */
export function mockObservabilityApi(
  overrides: Partial<ObservabilityApi> = {},
): jest.Mocked<ObservabilityApi> {
  const window = { start: 0, end: 3600, step: 15 };
  return {
    getMetrics: jest.fn(async (_e, signals) => ({
      window,
      signals: signals.map(signal => ({
        signal,
        unit: 'count' as const,
        window,
        series: [],
        empty: 'not-configured' as const,
      })),
      empty: 'not-configured' as const,
    })),
    getSummary: jest
      .fn()
      .mockResolvedValue({ window, signals: [], empty: 'not-configured' }),
    getLogs: jest.fn().mockResolvedValue({
      window,
      lines: [],
      truncated: false,
      empty: 'not-configured',
    }),
    getGrafanaPanels: jest
      .fn()
      .mockResolvedValue({ panels: [], empty: 'not-configured' }),
    getPanelImage: jest.fn(),
    getCost: jest.fn().mockResolvedValue({
      currency: 'USD',
      monthly: { cpu: 0, memory: 0, storage: 0, total: 0 },
      inputs: {
        cpuCores: 0,
        cpuBasis: 'requests',
        memoryGiB: 0,
        memoryBasis: 'requests',
        storageGiB: 0,
      },
      empty: 'not-configured',
    }),
    getTeamCosts: jest.fn().mockResolvedValue({
      currency: 'USD',
      teams: [],
      empty: 'not-configured',
    }),
    ...overrides,
  } as jest.Mocked<ObservabilityApi>;
}
