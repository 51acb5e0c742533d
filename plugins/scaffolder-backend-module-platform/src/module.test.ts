import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import express from 'express';
import request from 'supertest';
import { scaffolderModulePlatform } from './module';

const CONFIG = {
  portico: {
    scaffolder: {
      gitops: { repoUrl: '127.0.0.1:7008?owner=platform&repo=gitops' },
      git: {
        provider: 'loopback',
        baseUrl: 'http://127.0.0.1:7008',
        loopback: { adminToken: 'x' },
      },
    },
  },
};

/** The scaffolder as far as routes go: answers every task route to whoever reaches it. */
const fakeScaffolder = createBackendPlugin({
  pluginId: 'scaffolder',
  register(env) {
    env.registerExtensionPoint(scaffolderActionsExtensionPoint, {
      addActions() {},
    });
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        const router = express.Router();
        // Tasks of others are 403 to read (the policy's isTaskOwner condition); t-1 is the caller's.
        router.get('/v2/tasks/t-other', (_req, res) => {
          res
            .status(403)
            .json({ error: { name: 'NotAllowedError', message: '' } });
        });
        router.all('*', (req, res) => {
          res.json({ reached: `${req.method} ${req.path}` });
        });
        httpRouter.use(router);
      },
    });
  },
});

describe('scaffolderModulePlatform', () => {
  it('registers every Portico action with the dev configuration shape', async () => {
    const ids: string[] = [];
    await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          {
            addActions: (...actions: any[]) =>
              ids.push(...actions.map(a => a.id)),
          },
        ],
      ],
      features: [
        scaffolderModulePlatform,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: {
            portico: {
              scaffolder: {
                gitops: {
                  repoUrl: '127.0.0.1:7008?owner=platform&repo=gitops',
                },
                git: {
                  provider: 'loopback',
                  baseUrl: 'http://127.0.0.1:7008',
                  loopback: { adminToken: 'x' },
                },
                kubernetes: {
                  url: 'https://kubernetes.default.svc',
                  token: 't',
                },
              },
            },
          },
        }),
      ],
    });
    expect(ids.sort()).toEqual([
      'portico:argocd:application',
      'portico:external-secret:create',
      'portico:git:token',
      'portico:git:token:revoke',
      'portico:gitops:commit',
      'portico:namespace:create',
      'portico:owner:verify',
      'portico:publish:git',
      'portico:service:manifests',
      'portico:service:validate',
    ]);
  });

  describe('in front of the scaffolder’s routes', () => {
    const service = (subject: string) =>
      mockCredentials.service.header({
        onBehalfOf: mockCredentials.service(subject),
        targetPluginId: 'scaffolder',
      });
    let server: any;
    beforeAll(async () => {
      ({ server } = await startTestBackend({
        features: [
          fakeScaffolder,
          scaffolderModulePlatform,
          catalogServiceMock.factory(),
          mockServices.rootConfig.factory({ data: CONFIG }),
        ],
      }));
    });

    it.each([
      ['post', '/v2/tasks'],
      ['post', '/v2/dry-run'],
      ['post', '/v2/tasks/t-1/cancel'],
      ['post', '/v2/tasks/t-1/retry'],
      ['get', '/v2/tasks'],
      ['get', '/v2/tasks/t-1'],
      ['get', '/v2/tasks/t-1/events'],
      ['get', '/v2/tasks/t-1/eventstream'],
    ] as const)(
      '%s %s: users only, not even the scaffolder’s own token',
      async (method, path) => {
        for (const subject of ['plugin:scaffolder', 'external:ci']) {
          const res = await request(server)
            [method](`/api/scaffolder${path}`)
            .set('authorization', service(subject));
          expect([subject, res.status]).toEqual([subject, 403]);
          expect(res.body.error.message).toMatch(
            `the caller is a service principal (${subject})`,
          );
        }
        const user = await request(server)
          [method](`/api/scaffolder${path}`)
          .set('authorization', mockCredentials.user.header());
        expect(user.body).toEqual({
          reached: `${method.toUpperCase()} ${path}`,
        });
      },
    );

    it('leaves the other routes (templates, actions) to the scaffolder', async () => {
      const res = await request(server)
        .get('/api/scaffolder/v2/actions')
        .set('authorization', service('plugin:catalog'));
      expect(res.status).toBe(200);
    });
  });

  describe('cancelling or retrying someone else’s task', () => {
    const decision: { result: AuthorizeResult } = {
      result: AuthorizeResult.ALLOW,
    };
    const auditor = mockServices.auditor.mock();
    const failed: Error[] = [];
    auditor.createEvent.mockImplementation(async () => ({
      success: async () => {},
      fail: async ({ error }) => {
        failed.push(error);
      },
    }));
    let server: any;
    beforeAll(async () => {
      const permissions = mockServices.permissions.mock({
        authorizeConditional: async requests =>
          requests.map(() =>
            decision.result === AuthorizeResult.CONDITIONAL
              ? {
                  result: AuthorizeResult.CONDITIONAL,
                  pluginId: 'scaffolder',
                  resourceType: 'scaffolder-task',
                  conditions: {
                    rule: 'IS_TASK_OWNER',
                    resourceType: 'scaffolder-task',
                    params: { createdBy: ['user:default/bob'] },
                  },
                }
              : (decision as any),
          ),
      });
      ({ server } = await startTestBackend({
        features: [
          fakeScaffolder,
          scaffolderModulePlatform,
          catalogServiceMock.factory(),
          permissions.factory,
          auditor.factory,
          mockServices.rootConfig.factory({ data: CONFIG }),
        ],
      }));
    });
    const post = (path: string) =>
      request(server)
        .post(`/api/scaffolder${path}`)
        .set('authorization', mockCredentials.user.header('user:default/bob'));

    it.each(['cancel', 'retry'])(
      '%s: refused with a message naming the task and why, audited',
      async action => {
        decision.result = AuthorizeResult.CONDITIONAL;
        failed.length = 0;
        const res = await post(`/v2/tasks/t-other/${action}`);
        expect(res.status).toBe(403);
        const message = `only the user who started a scaffolder task (or an admin) may ${action} it; task t-other was not started by user:default/bob`;
        expect(res.body.error).toEqual({ name: 'NotAllowedError', message });
        expect(failed.map(e => e.message)).toEqual([message]);
      },
    );

    it('lets the initiator (whose task they may read) and admins (allowed outright) go on to the scaffolder', async () => {
      decision.result = AuthorizeResult.CONDITIONAL;
      expect((await post('/v2/tasks/t-1/cancel')).body).toEqual({
        reached: 'POST /v2/tasks/t-1/cancel',
      });
      decision.result = AuthorizeResult.ALLOW;
      expect((await post('/v2/tasks/t-other/cancel')).body).toEqual({
        reached: 'POST /v2/tasks/t-other/cancel',
      });
    });
  });
});
