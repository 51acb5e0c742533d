import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import type { UserOnlyRoute } from './userOnlyRoutes';
import {
  createUserOnlyRoutesModule,
  useUserOnlyRoutes,
  userOnlyRoutesDeps,
} from './userOnlyRoutesModule';

/** A plugin whose route answers 201 to anyone the framework lets in. */
const widgetsPlugin = createBackendPlugin({
  pluginId: 'widgets',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        const router = express.Router();
        router.post('/widgets', (_req, res) => {
          res.status(201).json({ created: true });
        });
        httpRouter.use(router);
      },
    });
  },
});

const ROUTES: UserOnlyRoute[] = [{ method: 'POST', path: '/widgets' }];

const serviceHeader = (subject: string) =>
  mockCredentials.service.header({
    onBehalfOf: mockCredentials.service(subject),
    targetPluginId: 'widgets',
  });

async function start(gate: ReturnType<typeof createBackendModule>) {
  const { server } = await startTestBackend({
    features: [
      widgetsPlugin,
      gate,
      mockServices.auditor.mock().factory,
      mockServices.rootConfig.factory({ data: {} }),
    ],
  });
  return server;
}

describe('createUserOnlyRoutesModule', () => {
  it('gates the routes of the plugin it belongs to, naming that plugin', async () => {
    const server = await start(
      createUserOnlyRoutesModule({
        pluginId: 'widgets',
        moduleId: 'gate',
        routes: ROUTES,
      }),
    );
    const user = await request(server)
      .post('/api/widgets/widgets')
      .set('authorization', mockCredentials.user.header());
    expect(user.status).toBe(201);
    const service = await request(server)
      .post('/api/widgets/widgets')
      .set('authorization', serviceHeader('external:ci-key'));
    expect(service.status).toBe(403);
    expect(service.body.error.message).toMatch(
      /^POST \/widgets \(widgets\) accepts only signed-in users .*\(external:ci-key\)$/,
    );
  });
});

describe('useUserOnlyRoutes', () => {
  it('wires the gate from a larger module’s deps, with the subjects the code names', async () => {
    const server = await start(
      createBackendModule({
        pluginId: 'widgets',
        moduleId: 'gate',
        register(reg) {
          reg.registerInit({
            deps: { ...userOnlyRoutesDeps, logger: coreServices.logger },
            async init(deps) {
              useUserOnlyRoutes(deps, ROUTES, {
                alsoAccept: ['plugin:widgets-importer'],
              });
            },
          });
        },
      }),
    );
    const named = await request(server)
      .post('/api/widgets/widgets')
      .set('authorization', serviceHeader('plugin:widgets-importer'));
    expect(named.status).toBe(201);
    const other = await request(server)
      .post('/api/widgets/widgets')
      .set('authorization', serviceHeader('plugin:widgets'));
    expect(other.status).toBe(403);
  });
});
