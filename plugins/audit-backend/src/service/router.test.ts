import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { AuditEvent } from '@internal/plugin-audit-common';
import request from 'supertest';
import type { AuditService } from './AuditService';
import { createRouter } from './router';

const event: AuditEvent = {
  id: '7',
  time: '2024-05-01T10:00:00.000Z',
  plugin: 'catalog',
  eventId: 'entity-mutate',
  action: 'catalog.entity-mutate',
  severity: 'medium',
  outcome: 'succeeded',
  actor: { id: 'user:default/alice', type: 'user' },
  entityRef: 'component:default/checkout',
  requestId: 'req-7',
  meta: { comment: '=1+1, "quoted"' },
  hash: 'h7',
  prevHash: 'h6',
};

describe('createRouter', () => {
  const service: jest.Mocked<AuditService> = {
    listEvents: jest.fn(),
    getEvent: jest.fn(),
    exportEvents: jest.fn(),
    verifyChain: jest.fn(),
    getWriterStatus: jest.fn(),
  };
  const audited = { success: jest.fn(), fail: jest.fn() };
  const auditor = mockServices.auditor.mock({
    createEvent: jest.fn(async () => audited),
  });
  let decision: AuthorizeResult.ALLOW | AuthorizeResult.DENY =
    AuthorizeResult.ALLOW;
  const permissions = mockServices.permissions.mock({
    authorize: jest.fn(async requests =>
      requests.map(() => ({ result: decision })),
    ),
  });
  let app: ReturnType<typeof request>;
  let stop: () => Promise<void>;
  const user = mockCredentials.user.header('user:default/auditor');

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        createBackendPlugin({
          pluginId: 'audit',
          register(env) {
            env.registerInit({
              deps: {
                httpRouter: coreServices.httpRouter,
                httpAuth: coreServices.httpAuth,
                permissions: coreServices.permissions,
                auditor: coreServices.auditor,
              },
              async init(deps) {
                deps.httpRouter.use(await createRouter({ service, ...deps }));
              },
            });
          },
        }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        permissions.factory,
        auditor.factory,
      ],
    });
    app = request(backend.server);
    stop = () => backend.stop();
  });

  afterAll(() => stop());

  beforeEach(() => {
    decision = AuthorizeResult.ALLOW;
    jest.clearAllMocks();
    service.listEvents.mockResolvedValue({ items: [event], nextCursor: '7' });
    service.getEvent.mockImplementation(async id =>
      id === '7' ? event : undefined,
    );
    service.verifyChain.mockResolvedValue({ ok: true, checked: 3 });
    service.getWriterStatus.mockResolvedValue({
      buffered: 0,
      capacity: 10000,
      dropped: 0,
      written: 3,
    });
  });

  it('answers 401 without credentials, before any audit read', async () => {
    const response = await app.get('/api/audit/events');
    expect(response.status).toBe(401);
    expect(service.listEvents).not.toHaveBeenCalled();
  });

  it.each(['/events', '/events/7', '/events.csv', '/verify', '/status'])(
    'answers 403 on %s without audit.log.read, and audits the refusal',
    async path => {
      decision = AuthorizeResult.DENY;
      const response = await app
        .get(`/api/audit${path}`)
        .set('authorization', user);
      expect(response.status).toBe(403);
      expect(response.body.error).toEqual({
        name: 'NotAllowedError',
        message: 'Reading the audit log needs the audit.log.read permission',
      });
      expect(permissions.authorize).toHaveBeenCalledWith(
        [{ permission: expect.objectContaining({ name: 'audit.log.read' }) }],
        {
          credentials: expect.objectContaining({
            principal: expect.objectContaining({
              userEntityRef: 'user:default/auditor',
            }),
          }),
        },
      );
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({ eventId: 'audit-log-read' }),
      );
      expect(audited.fail).toHaveBeenCalled();
      expect(audited.success).not.toHaveBeenCalled();
    },
  );

  it('lists events with parsed filters and the cursor, and audits the read', async () => {
    const response = await app
      .get('/api/audit/events')
      .query({
        actor: 'user:default/alice',
        action: 'catalog.entity-mutate',
        plugin: 'catalog',
        entityRef: 'Component:checkout',
        outcome: 'succeeded',
        from: '2024-05-01',
        to: '2024-05-02T00:00:00Z',
        cursor: '100',
        limit: '20',
      })
      .set('authorization', user);
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual({ items: [event], nextCursor: '7' });
    expect(service.listEvents).toHaveBeenCalledWith(
      {
        actor: 'user:default/alice',
        action: 'catalog.entity-mutate',
        plugin: 'catalog',
        entityRef: 'component:default/checkout',
        outcome: 'succeeded',
        from: new Date('2024-05-01T00:00:00.000Z'),
        to: new Date('2024-05-02T00:00:00.000Z'),
      },
      { cursor: '100', limit: 20 },
    );
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'audit-log-read',
        meta: expect.objectContaining({ queryType: 'list' }),
      }),
    );
    expect(audited.success).toHaveBeenCalled();
  });

  it('reads with a default page size', async () => {
    const response = await app
      .get('/api/audit/events')
      .set('authorization', user);
    expect(response.status).toBe(200);
    expect(service.listEvents).toHaveBeenCalledWith({}, { limit: 50 });
  });

  it.each(['/events', '/events.csv', '/events/7', '/verify', '/status'])(
    'refuses a service principal on %s, even one the permission framework would let through, audited',
    async route => {
      const response = await app
        .get(`/api/audit${route}`)
        .set('authorization', mockCredentials.service.header());
      expect(response.status).toBe(403);
      expect(response.body.error.message).toBe(
        `GET /api/audit${route}: the audit log is read by signed-in users only (admins and auditors); the caller is a service principal`,
      );
      expect(permissions.authorize).not.toHaveBeenCalled();
      expect(service.listEvents).not.toHaveBeenCalled();
      expect(service.getEvent).not.toHaveBeenCalled();
      expect(audited.fail).toHaveBeenCalled();
    },
  );

  it.each([
    ['from=yesterday', 'Invalid from: expected an ISO 8601 date'],
    ['to=2024-13-45', 'Invalid to: expected an ISO 8601 date'],
    ['from=2024-05-02&to=2024-05-01', 'Invalid to: must be later than from'],
    [
      'outcome=maybe',
      'Invalid outcome: expected one of initiated, succeeded, failed',
    ],
    ['limit=0', 'Invalid limit: expected an integer from 1 to 500'],
    ['limit=501', 'Invalid limit'],
    ['limit=2.5', 'Invalid limit'],
    ['cursor=abc', 'Invalid cursor'],
    ['cursor=99999999999999999999', 'Invalid cursor'],
    ['entityRef=checkout', 'Invalid entityRef: expected kind:namespace/name'],
    ['actor=a&actor=b', 'Invalid actor: give it once'],
    [`action=${'x'.repeat(300)}`, 'Invalid action: longer than 257 characters'],
    ['actr=alice', 'Unknown query parameter actr'],
  ])('answers 400 for %s, naming the field', async (query, message) => {
    const response = await app
      .get(`/api/audit/events?${query}`)
      .set('authorization', user);
    expect(response.status).toBe(400);
    expect(response.body.error.name).toBe('InputError');
    expect(response.body.error.message).toContain(message);
    expect(service.listEvents).not.toHaveBeenCalled();
    expect(audited.fail).toHaveBeenCalled();
  });

  it('reads one event, 400 for a bad id and 404 for an unknown one', async () => {
    const found = await app
      .get('/api/audit/events/7')
      .set('authorization', user);
    expect(found.status).toBe(200);
    expect(found.body).toEqual(event);

    const bad = await app
      .get('/api/audit/events/seven')
      .set('authorization', user);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('Invalid id');

    const missing = await app
      .get('/api/audit/events/99')
      .set('authorization', user);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({
      name: 'NotFoundError',
      message: 'No audit event 99',
    });
  });

  it('exports CSV with a header, escaped cells and the same filters', async () => {
    service.exportEvents.mockImplementation(async function* exportEvents() {
      yield event;
      yield {
        ...event,
        id: '6',
        meta: undefined,
        actor: { type: 'anonymous' },
      };
    });
    const response = await app
      .get('/api/audit/events.csv?outcome=succeeded')
      .set('authorization', user);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="audit-events-.*\.csv"$/,
    );
    const lines = response.text.split('\r\n');
    expect(lines[0]).toMatch(/^id,time,action,plugin,event_id,/);
    expect(lines[1]).toContain(`"{""comment"":""=1+1, \\""quoted\\""""}"`);
    expect(lines[2]).toMatch(/^6,.*,anonymous,/);
    expect(lines[3]).toBe('');
    expect(service.exportEvents).toHaveBeenCalledWith(
      { outcome: 'succeeded' },
      { maxRows: 100_000 },
    );
    expect(audited.success).toHaveBeenCalled();

    const bad = await app
      .get('/api/audit/events.csv?limit=5')
      .set('authorization', user);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('Unknown query parameter limit');
  });

  it('verifies the chain and reports the writer status', async () => {
    const verify = await app
      .get('/api/audit/verify')
      .set('authorization', user);
    expect(verify.status).toBe(200);
    expect(verify.body).toEqual({ ok: true, checked: 3 });

    const status = await app
      .get('/api/audit/status')
      .set('authorization', user);
    expect(status.status).toBe(200);
    expect(status.body).toEqual({
      buffered: 0,
      capacity: 10000,
      dropped: 0,
      written: 3,
    });
  });
});
