import type { Entity } from '@backstage/catalog-model';
import type {
  CodeResponse,
  RepositoryData,
} from '@internal/plugin-service-health-common';
import type { ServiceHealthApi } from '../api';

export const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments',
    namespace: 'default',
    annotations: { 'github.com/project-slug': 'acme/payments' },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};

const minutesAgo = (m: number) =>
  new Date(Date.now() - m * 60_000).toISOString();

export function repositoryData(
  overrides: Partial<RepositoryData> = {},
): RepositoryData {
  return {
    slug: 'acme/payments',
    url: 'https://github.example/acme/payments',
    defaultBranch: 'main',
    fetchedAt: minutesAgo(2),
    commits: [
      {
        sha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
        author: 'alice',
        message: 'Add retry to the payment client',
        time: minutesAgo(30),
        url: 'https://github.example/acme/payments/commit/a1b2c3d',
        ci: {
          state: 'failure',
          runId: 12,
          url: 'https://github.example/acme/payments/actions/runs/12',
        },
      },
      {
        sha: 'b1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
        author: 'bob',
        message: 'Bump the base image',
        time: minutesAgo(90),
        url: 'https://github.example/acme/payments/commit/b1b2c3d',
        ci: {
          state: 'success',
          runId: 11,
          url: 'https://github.example/acme/payments/actions/runs/11',
        },
      },
      {
        sha: 'c1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
        author: 'carol',
        message: 'Fix flaky order test',
        time: minutesAgo(300),
        url: 'https://github.example/acme/payments/commit/c1b2c3d',
      },
    ],
    runs: [
      {
        id: 12,
        name: 'ci',
        runNumber: 12,
        event: 'push',
        branch: 'main',
        headSha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
        title: 'Add retry to the payment client',
        state: 'failure',
        status: 'completed',
        conclusion: 'failure',
        startedAt: minutesAgo(29),
        updatedAt: minutesAgo(25),
        durationSeconds: 245,
        url: 'https://github.example/acme/payments/actions/runs/12',
        failure: {
          job: 'test',
          step: 'Run tests',
          logUrl:
            'https://github.example/acme/payments/actions/runs/12/job/120',
        },
      },
      {
        id: 11,
        name: 'ci',
        runNumber: 11,
        event: 'push',
        branch: 'main',
        headSha: 'b1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
        title: 'Bump the base image',
        state: 'success',
        status: 'completed',
        conclusion: 'success',
        startedAt: minutesAgo(89),
        updatedAt: minutesAgo(85),
        durationSeconds: 230,
        url: 'https://github.example/acme/payments/actions/runs/11',
      },
    ],
    codeScanning: {
      counts: { critical: 1, high: 2, medium: 0, low: 0, other: 0, total: 3 },
    },
    ...overrides,
  };
}

export const okResponse = (data = repositoryData()): CodeResponse => ({
  state: 'ok',
  entityRef: 'component:default/payments',
  canSeeAlerts: false,
  data,
});

export function mockApi(
  response: CodeResponse | Error,
): ServiceHealthApi & { getCode: jest.Mock } {
  return {
    getCode: jest.fn(async (_entityRef: string) => {
      if (response instanceof Error) throw response;
      return response;
    }),
    getBatch: jest.fn(),
    getVulnerabilities: jest.fn(),
    getCompliance: jest.fn(),
    getBlastRadius: jest.fn(),
  };
}
