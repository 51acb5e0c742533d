import type { ArgocdApi } from '../api';
import { makeEntityDetail, makeEntityStatus } from './fixtures';

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
    sync: jest.fn().mockResolvedValue({
      action: 'sync',
      entityRef: 'component:default/payments-api',
      result: {
        instance: 'prod',
        name: 'payments-api',
        appNamespace: 'argocd',
        detail: 'Running',
      },
    }),
    refresh: jest.fn().mockResolvedValue({
      action: 'refresh',
      entityRef: 'component:default/payments-api',
      result: {
        instance: 'prod',
        name: 'payments-api',
        appNamespace: 'argocd',
        detail: 'Synced',
      },
    }),
    ...overrides,
  };
}
