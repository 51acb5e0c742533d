import type { ArgocdApi } from '../api';
import {
  makeActionResponse,
  makeEntityDetail,
  makeEntityStatus,
} from './fixtures';

/** An {@link ArgocdApi} of jest mocks answering with the fixtures; override any method. */
export function mockArgocdApi(
  overrides: Partial<jest.Mocked<ArgocdApi>> = {},
): jest.Mocked<ArgocdApi> {
  return {
    getConfig: jest.fn().mockResolvedValue({
      configured: true,
      instances: [{ name: 'prod', uiUrl: 'https://argocd.prod.example' }],
    }),
    getEntityStatus: jest.fn(async (entityRef: string) => ({
      status: makeEntityStatus(entityRef),
      instances: [{ name: 'prod', status: 'ok' as const, ageSeconds: 3 }],
    })),
    getEntityDetail: jest.fn().mockResolvedValue(makeEntityDetail()),
    sync: jest.fn().mockResolvedValue(makeActionResponse('sync', 'Running')),
    refresh: jest
      .fn()
      .mockResolvedValue(makeActionResponse('refresh', 'Synced')),
    ...overrides,
  };
}
