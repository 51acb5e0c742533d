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
import { createUserOnlyRoutes, UserOnlyRoute } from './userOnlyRoutes';

/** A plugin whose own routes answer 200 to anyone the framework lets in (as upstream routes do). */
const thingsPlugin = createBackendPlugin({
  pluginId: 'things',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        const router = express.Router();
        router.post('/things', (_req, res) => {
          res.status(201).json({ created: true });
        });
        router.delete('/things/:id', (_req, res) => {
          res.status(204).end();
        });
        router.get('/things', (_req, res) => {
          res.json({ items: [] });
        });
        router.use('/proxy', (req, res) => {
          res.json({ proxied: req.url });
        });
        httpRouter.use(router);
      },
    });
  },
});

const ROUTES: UserOnlyRoute[] = [
  { method: 'POST', path: '/things' },
  { method: 'DELETE', path: '/things/:id' },
  { method: 'USE', path: '/proxy' },
];

/** The gate, registered by a module of the plugin: mounted before the plugin's own router. */
const gateModule = createBackendModule({
  pluginId: 'things',
  moduleId: 'gate',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auditor: coreServices.auditor,
        config: coreServices.rootConfig,
      },
      async init({ httpRouter, ...deps }) {
        httpRouter.use(
          createUserOnlyRoutes({
            routes: ROUTES,
            pluginId: 'things',
            alsoAccept: ['plugin:things-importer'],
            ...deps,
          }),
        );
      },
    });
  },
});

/** A service token of `subject` for this plugin. */
const serviceHeader = (subject: string) =>
  mockCredentials.service.header({
    onBehalfOf: mockCredentials.service(subject),
    targetPluginId: 'things',
  });

async function start(serviceSubjects?: string[]) {
  const auditor = mockServices.auditor.mock();
  const events: Array<{ options: any; failed?: Error }> = [];
  auditor.createEvent.mockImplementation(async options => {
    const entry: { options: any; failed?: Error } = { options };
    events.push(entry);
    return {
      success: async () => {},
      fail: async ({ error }) => {
        entry.failed = error;
      },
    };
  });
  const { server } = await startTestBackend({
    features: [
      thingsPlugin,
      gateModule,
      auditor.factory,
      mockServices.rootConfig.factory({
        data: serviceSubjects
          ? { portico: { access: { serviceSubjects } } }
          : {},
      }),
    ],
  });
  return { server, events };
}

describe('createUserOnlyRoutes', () => {
  it('lets users through, including a plugin acting on behalf of a user', async () => {
    const { server, events } = await start();
    const user = await request(server)
      .post('/api/things/things')
      .set('authorization', mockCredentials.user.header('user:default/alice'));
    expect(user.status).toBe(201);
    const onBehalf = await request(server)
      .delete('/api/things/things/7')
      .set(
        'authorization',
        mockCredentials.service.header({
          onBehalfOf: mockCredentials.user('user:default/alice'),
          targetPluginId: 'things',
        }),
      );
    expect(onBehalf.status).toBe(204);
    expect(events).toEqual([]);
  });

  it('refuses any other service principal on the listed routes with 403 naming the route and the principal, audited', async () => {
    const { server, events } = await start();
    const res = await request(server)
      .post('/api/things/things')
      .set('authorization', serviceHeader('plugin:scaffolder'));
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringMatching(
        /^POST \/things \(things\) accepts only signed-in users .*the caller is a service principal \(plugin:scaffolder\)$/,
      ),
    });
    expect(events).toHaveLength(1);
    expect(events[0].options).toMatchObject({
      eventId: 'principal-refused',
      severityLevel: 'medium',
      meta: {
        route: 'POST /api/things/things',
        routePattern: 'POST /things',
        principal: { type: 'service', subject: 'plugin:scaffolder' },
      },
    });
    expect(events[0].failed?.message).toBe(res.body.error.message);
  });

  it('covers everything under a USE path (a proxy)', async () => {
    const { server } = await start();
    const res = await request(server)
      .get('/api/things/proxy/api/v1/namespaces')
      .set('authorization', serviceHeader('external:ci-key'));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(
      /^ANY \/proxy\/\* \(things\) .*\(external:ci-key\)$/,
    );
    const user = await request(server)
      .get('/api/things/proxy/api/v1/namespaces')
      .set('authorization', mockCredentials.user.header());
    expect(user.body).toEqual({ proxied: '/api/v1/namespaces' });
  });

  it('leaves routes it does not list to the plugin', async () => {
    const { server, events } = await start();
    const res = await request(server)
      .get('/api/things/things')
      .set('authorization', serviceHeader('plugin:scaffolder'));
    expect(res.status).toBe(200);
    expect(events).toEqual([]);
  });

  it('accepts the subjects portico.access.serviceSubjects lists and those the code names; not the plugin’s own token', async () => {
    const { server } = await start(['ci-importer']);
    for (const subject of ['ci-importer', 'plugin:things-importer']) {
      const res = await request(server)
        .post('/api/things/things')
        .set('authorization', serviceHeader(subject));
      expect([subject, res.status]).toEqual([subject, 201]);
    }
    for (const subject of ['ci-importer-2', 'plugin:things']) {
      const other = await request(server)
        .post('/api/things/things')
        .set('authorization', serviceHeader(subject));
      expect([subject, other.status]).toEqual([subject, 403]);
    }
  });

  it('leaves anonymous callers to the framework (401)', async () => {
    const { server, events } = await start();
    const res = await request(server)
      .post('/api/things/things')
      .set('authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
    expect(events).toEqual([]);
  });
});
