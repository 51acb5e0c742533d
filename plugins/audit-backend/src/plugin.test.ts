import {
  coreServices,
  createBackendPlugin,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { AuditEvent } from '@internal/plugin-audit-common';
import { auditorServiceFactory } from '@internal/plugin-audit-node';
import request from 'supertest';
import { makeRecord } from './testing/makeRecord';
import { auditTestDatabases } from './testing/migratedDatabase';
import { AuditStore } from './database/AuditStore';
import { auditPlugin } from './plugin';

jest.setTimeout(60_000);

const { init } = auditTestDatabases();

/** A plugin that audits one action per POST, as catalog or scaffolder do. */
const deploysPlugin = createBackendPlugin({
  pluginId: 'deploys',
  register(env) {
    env.registerInit({
      deps: {
        auditor: coreServices.auditor,
        httpRouter: coreServices.httpRouter,
      },
      async init({ auditor, httpRouter }) {
        httpRouter.use(async (req, res) => {
          const event = await auditor.createEvent({
            eventId: 'deploy',
            severityLevel: 'high',
            request: req,
            meta: {
              entityRef: 'component:default/checkout',
              token: 'secret-token',
            },
          });
          await event.success();
          res.json({ ok: true });
        });
      },
    });
  },
});

describe('auditPlugin', () => {
  it("stores every plugin's audit events and serves them, chained, to auditors", async () => {
    const knex = await init();
    // Two events from 40 days ago, already in the log before this backend starts.
    const old = Date.now() - 40 * 24 * 3600_000;
    await new AuditStore(knex).appendEvents([
      makeRecord(1, { time: new Date(old).toISOString() }),
      makeRecord(2, { time: new Date(old + 1000).toISOString() }),
    ]);

    const scheduler = mockServices.scheduler.mock();
    const backend = await startTestBackend({
      features: [
        auditPlugin,
        deploysPlugin,
        auditorServiceFactory,
        mockServices.database.factory({ knex }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        scheduler.factory,
        mockServices.rootConfig.factory({
          data: {
            audit: {
              writer: { intervalMs: 20 },
              retention: { days: 30 },
              redaction: { configSchemaSecrets: false },
            },
          },
        }),
      ],
    });
    const app = request(backend.server);
    const alice = mockCredentials.user.header('user:default/alice');

    const deployed = await app
      .post('/api/deploys/release')
      .set('authorization', alice)
      .set('x-request-id', 'rel-1');
    expect(deployed.status).toBe(200);

    let items: AuditEvent[] = [];
    for (let i = 0; i < 100 && items.length < 2; i++) {
      await new Promise(resolve => setTimeout(resolve, 30));
      const page = await app
        .get('/api/audit/events?plugin=deploys')
        .set('authorization', alice);
      expect(page.status).toBe(200);
      items = page.body.items;
    }
    expect(items).toEqual([
      expect.objectContaining({
        id: '4',
        action: 'deploys.deploy',
        outcome: 'succeeded',
        severity: 'high',
        actor: expect.objectContaining({
          id: 'user:default/alice',
          type: 'user',
        }),
        entityRef: 'component:default/checkout',
        requestId: 'rel-1',
        request: { method: 'POST', url: '/api/deploys/release' },
        meta: { entityRef: 'component:default/checkout', token: '[REDACTED]' },
      }),
      expect.objectContaining({
        id: '3',
        outcome: 'initiated',
        requestId: 'rel-1',
      }),
    ]);

    // reading the log is itself audited
    let reads: AuditEvent[] = [];
    for (let i = 0; i < 100 && reads.length === 0; i++) {
      await new Promise(resolve => setTimeout(resolve, 30));
      reads = (
        await app
          .get(
            '/api/audit/events?action=audit.audit-log-read&outcome=succeeded',
          )
          .set('authorization', alice)
      ).body.items;
    }
    expect(reads[0]).toMatchObject({
      plugin: 'audit',
      eventId: 'audit-log-read',
      actor: { id: 'user:default/alice', type: 'user' },
    });

    expect(
      (await app.get('/api/audit/verify').set('authorization', alice)).body,
    ).toEqual({
      ok: true,
      checked: expect.any(Number),
    });

    // retention: scheduled once, global; a run removes the two old events, the chain verifies
    expect(scheduler.scheduleTask).toHaveBeenCalledTimes(1);
    const task = scheduler.scheduleTask.mock
      .calls[0][0] as SchedulerServiceTaskScheduleDefinition & {
      id: string;
      fn: (signal: AbortSignal) => Promise<void>;
    };
    expect(task).toMatchObject({ id: 'audit-retention', scope: 'global' });
    await task.fn(new AbortController().signal);
    expect(
      await knex('audit_events').where('id', '<=', 2).count({ n: '*' }),
    ).toEqual([{ n: '0' }]);
    const verified = await app
      .get('/api/audit/verify')
      .set('authorization', alice);
    expect(verified.body).toMatchObject({ ok: true });

    const status = await app
      .get('/api/audit/status')
      .set('authorization', alice);
    expect(status.body).toMatchObject({ capacity: 10000, dropped: 0 });
    expect(status.body.written).toBeGreaterThanOrEqual(2);

    await backend.stop();
    // shutdown flushed what was queued (the reads above are audited too)
    const last = await knex('audit_chain_head').first();
    const count = await knex('audit_events').count({ n: '*' });
    expect(Number(count[0].n)).toBe(Number(last.last_id) - 2);
  });
});
