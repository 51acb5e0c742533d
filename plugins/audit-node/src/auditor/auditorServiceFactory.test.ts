import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { AuditEventQueue } from '../queue/AuditEventQueue';
import { auditEventQueueServiceRef } from '../queue/auditEventQueueServiceRef';
import { REDACTED } from '../redaction/AuditRedactor';
import { auditorServiceFactory } from './auditorServiceFactory';

type LogLine = {
  level: string;
  message: string;
  meta: unknown;
  fields: Record<string, unknown>;
};

function captureLogger(
  lines: LogLine[],
  fields: Record<string, unknown> = {},
): LoggerService {
  const at = (level: string) => (message: string, meta?: unknown) =>
    lines.push({ level, message, meta, fields });
  return {
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
    child: extra => captureLogger(lines, { ...fields, ...extra }),
  };
}

describe('auditorServiceFactory', () => {
  const lines: LogLine[] = [];
  let queue: AuditEventQueue;
  let baseUrl: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const deploysPlugin = createBackendPlugin({
      pluginId: 'deploys',
      register(env) {
        env.registerInit({
          deps: {
            auditor: coreServices.auditor,
            httpRouter: coreServices.httpRouter,
            auditQueue: auditEventQueueServiceRef,
          },
          async init({ auditor, httpRouter, auditQueue }) {
            queue = auditQueue;
            httpRouter.addAuthPolicy({
              path: '/anonymous',
              allow: 'unauthenticated',
            });
            httpRouter.use(async (req, res, next) => {
              if (req.method !== 'POST') {
                next();
                return;
              }
              const event = await auditor.createEvent({
                eventId: 'deploy',
                severityLevel: 'medium',
                request: req,
                meta: {
                  entityRef: 'component:default/checkout',
                  apiToken: 'tok-123',
                  note: 'uses sup3r-secret-config-value',
                },
              });
              if (req.path === '/fail') {
                await event.fail({
                  error: new Error('sup3r-secret-config-value leaked'),
                });
              } else {
                await event.success({ meta: { revision: 7 } });
              }
              res.json({ ok: true });
            });
          },
        });
      },
    });

    const backend = await startTestBackend({
      features: [
        deploysPlugin,
        auditorServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            audit: {
              buffer: { capacity: 50 },
              redaction: { configSchemaSecrets: false },
            },
            deploys: { password: 'sup3r-secret-config-value' },
          },
        }),
        createServiceFactory({
          service: coreServices.logger,
          deps: {},
          factory: () => captureLogger(lines),
        }),
      ],
    });
    const address = backend.server.address();
    if (!address || typeof address === 'string') {
      throw new Error('no address');
    }
    baseUrl = `http://127.0.0.1:${address.port}/api/deploys`;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop();
  });

  beforeEach(() => {
    queue.drain(1000);
    lines.length = 0;
  });

  it('queues the initiated and succeeded events of a user, sharing the x-request-id', async () => {
    const response = await fetch(`${baseUrl}/deploy?api_key=k`, {
      method: 'POST',
      headers: {
        authorization: mockCredentials.user.header('user:default/alice'),
        'x-request-id': 'req-from-proxy-1',
        'user-agent': 'jest',
      },
    });
    expect(response.status).toBe(200);

    const records = queue.drain(100);
    expect(records).toEqual([
      expect.objectContaining({
        plugin: 'deploys',
        eventId: 'deploy',
        severity: 'medium',
        outcome: 'initiated',
        actorId: 'user:default/alice',
        actorType: 'user',
        userAgent: 'jest',
        entityRef: 'component:default/checkout',
        requestId: 'req-from-proxy-1',
        requestMethod: 'POST',
        requestUrl: '/api/deploys/deploy?api_key=%5BREDACTED%5D',
        meta: {
          entityRef: 'component:default/checkout',
          apiToken: REDACTED,
          note: `uses ${REDACTED}`,
        },
      }),
      expect.objectContaining({
        outcome: 'succeeded',
        requestId: 'req-from-proxy-1',
        meta: expect.objectContaining({ revision: 7 }),
      }),
    ]);
    expect(records[0].ip).toBeDefined();
  });

  it('generates one request id per event when the request has none, and records failures', async () => {
    await fetch(`${baseUrl}/fail`, {
      method: 'POST',
      headers: { authorization: mockCredentials.service.header() },
    });
    await fetch(`${baseUrl}/anonymous`, {
      method: 'POST',
      headers: { authorization: mockCredentials.none.header() },
    });
    const [initiated, failed, other, otherDone] = queue.drain(100);
    expect(initiated.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(failed).toMatchObject({
      outcome: 'failed',
      requestId: initiated.requestId,
      actorType: 'service',
      error: `${REDACTED} leaked`,
    });
    expect(other.actorType).toBe('anonymous');
    expect(other.actorId).toBeUndefined();
    expect(other.requestId).not.toBe(initiated.requestId);
    expect(otherDone.requestId).toBe(other.requestId);
  });

  it('keeps the upstream log line', async () => {
    await fetch(`${baseUrl}/fail`, {
      method: 'POST',
      headers: { authorization: mockCredentials.user.header() },
    });
    const audit = lines.filter(line => line.fields.isAuditEvent);
    expect(audit.map(line => [line.level, line.message])).toEqual([
      ['info', 'deploys.deploy'],
      ['info', 'deploys.deploy'],
    ]);
    expect(audit[0].meta).toMatchObject({
      status: 'initiated',
      plugin: 'deploys',
    });
    expect(audit[1].fields).toMatchObject({
      status: 'failed',
      eventId: 'deploy',
    });
    expect(audit[1].meta).toBeInstanceOf(Error);
  });
});
