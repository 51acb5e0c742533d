/*
 * The provisioning plugin in a backend: trigger over HTTP, delivery to the webhook harness, the
 * harness playing the workflow's callbacks, the timeline; and every way a callback is refused.
 * Runs on PostgreSQL and on SQLite (local development).
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { applyProvisioningMigrations } from './database/ProvisioningStore';
import { WebhookHarness } from './testing';
import {
  HARNESS_CONTEXT,
  startProvisioningBackend,
} from './__testUtils__/startProvisioningBackend';

jest.setTimeout(60_000);

const EVENTSOURCE_SECRET = 'plugin-test-eventsource-secret-0123';
const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const bob = mockCredentials.user.header('user:default/bob');

async function waitFor<T>(
  get: () => Promise<T>,
  ok: (v: T) => boolean,
  ms = 15_000,
) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await get();
    if (ok(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`waitFor timed out, last: ${JSON.stringify(value)}`);
    await new Promise(r => setTimeout(r, 50));
  }
}

describe.each(databases.eachSupportedId())(
  'provisioning plugin on %s',
  databaseId => {
    let harness: WebhookHarness;
    let app: Awaited<ReturnType<typeof startProvisioningBackend>>;
    let server: any;

    beforeEach(async () => {
      const knex = await databases.init(databaseId);
      await applyProvisioningMigrations(knex);
      harness = await WebhookHarness.start({
        context: HARNESS_CONTEXT,
        authToken: EVENTSOURCE_SECRET,
      });
      app = await startProvisioningBackend({
        knex,
        webhookUrl: harness.url,
        authToken: EVENTSOURCE_SECRET,
      });
      server = app.backend.server;
    });

    afterEach(async () => {
      await harness.stop();
      await app.backend.stop();
    });

    const trigger = (body: object, auth = bob) =>
      request(server)
        .post('/api/provisioning/runs')
        .set('authorization', auth)
        .send(body);
    const getRun = async (id: string) =>
      (
        await request(server)
          .get(`/api/provisioning/runs/${id}`)
          .set('authorization', bob)
      ).body;

    it('records a run, delivers it, and follows the workflow to the end', async () => {
      harness.workflow = {
        steps: ['namespace', 'rbac', 'baseline'],
        stepDelayMs: 10,
      };
      const res = await trigger({
        template: 'new-environment',
        entityRef: 'component:default/payments-svc',
        parameters: { environment: 'staging' },
      });
      expect(res.status).toBe(202);
      const { runId } = res.body;
      expect(res.body).toEqual({
        runId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        status: 'queued',
      });

      const done = await waitFor(
        () => getRun(runId),
        r => r.status === 'succeeded',
      );
      expect(done).toMatchObject({
        template: 'new-environment',
        entityRef: 'component:default/payments-svc',
        owner: 'group:default/payments-team',
        userRef: 'user:default/bob',
        parameters: { environment: 'staging' },
        delivery: { attempts: 1 },
      });
      expect(done.events.map((e: any) => `${e.step}:${e.status}`)).toEqual([
        'namespace:running',
        'namespace:succeeded',
        'rbac:running',
        'rbac:succeeded',
        'baseline:running',
        'baseline:succeeded',
      ]);
      expect(done.events[1].resources[0].url).toMatch(
        /^https:\/\/console\.example\.com\//,
      );
      expect(JSON.stringify(done)).not.toMatch(/callbackToken|token_hash/);

      // What the webhook got: the Argo Events payload, with our bearer and the idempotency key.
      const [delivery] = harness.deliveries;
      expect(delivery.idempotencyKey).toBe(`provisioning-run-${runId}`);
      expect(delivery.payload).toMatchObject({
        runId,
        template: 'new-environment',
        user: 'user:default/bob',
        callbackUrl: expect.stringMatching(
          new RegExp(`^http://[^/]+/api/provisioning/runs/${runId}/events$`),
        ),
      });

      // The list, filtered.
      const list = await request(server)
        .get(
          '/api/provisioning/runs?entityRef=component:default/payments-svc&status=succeeded',
        )
        .set(
          'authorization',
          mockCredentials.user.header('user:default/carol'),
        );
      expect(list.body.items.map((r: any) => r.id)).toEqual([runId]);
      const none = await request(server)
        .get('/api/provisioning/runs?owner=group:default/storefront-team')
        .set('authorization', bob);
      expect(none.body.items).toEqual([]);

      expect(
        app.audits
          .filter(a => a.eventId === 'provisioning-run-trigger')
          .map(a => a.outcome),
      ).toEqual(['initiated', 'succeeded']);
      expect(
        app.audits.filter(
          a =>
            a.eventId === 'provisioning-run-callback' &&
            a.outcome === 'succeeded',
        ),
      ).toHaveLength(6);
    });

    it('ends the run as failed when a step fails, with the step in the reason', async () => {
      harness.workflow = {
        steps: ['namespace', 'rbac'],
        failStep: 'rbac',
        stepDelayMs: 10,
      };
      const { runId } = (
        await trigger({
          template: 'new-environment',
          entityRef: 'component:default/payments-svc',
        })
      ).body;
      const run = await waitFor(
        () => getRun(runId),
        r => r.status === 'failed',
      );
      expect(run.failureReason).toBe(
        'Step rbac failed: rbac could not be created',
      );
    });

    if (databaseId !== 'POSTGRES_15') return;

    it('refuses triggers that are not the owner’s, or malformed, or for unknown entities', async () => {
      const denied = await trigger({
        template: 'new-environment',
        entityRef: 'component:default/storefront',
      });
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toMatch(
        /Only the owners of component:default\/storefront/,
      );

      const secret = await trigger({
        template: 'new-environment',
        entityRef: 'component:default/payments-svc',
        parameters: { dbPassword: 'hunter2' },
      });
      expect(secret.status).toBe(400);
      expect(secret.body.error.message).toMatch(/parameters\.dbPassword/);

      const unknown = await trigger({
        template: 'new-environment',
        entityRef: 'component:default/nope',
      });
      expect(unknown.status).toBe(404);

      const service = await trigger(
        {
          template: 'new-environment',
          entityRef: 'component:default/payments-svc',
        },
        mockCredentials.service.header(),
      );
      expect(service.status).toBe(403);

      const anonymous = await trigger({}, mockCredentials.none.header());
      expect(anonymous.status).toBe(401);

      expect(
        (
          await request(server)
            .get('/api/provisioning/runs?limit=1000')
            .set('authorization', bob)
        ).body.error.message,
      ).toMatch(/limit/);
      expect(
        (
          await request(server)
            .get('/api/provisioning/runs?color=red')
            .set('authorization', bob)
        ).body.error.message,
      ).toMatch(/color/);
      expect(
        (
          await request(server)
            .get('/api/provisioning/runs/not-a-uuid')
            .set('authorization', bob)
        ).status,
      ).toBe(404);
      expect(harness.deliveries).toHaveLength(0);
    });

    describe('callback refusals', () => {
      let runId: string;
      let token: string;
      const report = (id: string, body: object, bearer?: string) =>
        request(server)
          .post(`/api/provisioning/runs/${id}/events`)
          .set(bearer ? { authorization: `Bearer ${bearer}` } : {})
          .send(body);
      const good = { eventId: 'e-1', step: 'namespace', status: 'running' };

      beforeEach(async () => {
        runId = (
          await trigger({
            template: 'new-environment',
            entityRef: 'component:default/payments-svc',
          })
        ).body.runId;
        await waitFor(
          async () => harness.deliveries.length,
          n => n === 1,
        );
        token = harness.deliveries[0].payload!.callbackToken;
      });

      const unchanged = async () => {
        const run = await getRun(runId);
        expect(run.events).toEqual([]);
        expect(['delivering', 'running']).toContain(run.status);
      };

      it('refuses a wrong token and an unknown run alike, without a Backstage token too', async () => {
        const wrong = await report(runId, good, 'A'.repeat(43));
        const unknownRun = await report(
          '00000000-0000-4000-8000-000000000000',
          good,
          token,
        );
        const noToken = await report(runId, good);
        const backstageToken = await request(server)
          .post(`/api/provisioning/runs/${runId}/events`)
          .set('authorization', bob)
          .send(good);
        for (const res of [wrong, unknownRun, noToken, backstageToken]) {
          expect(res.status).toBe(401);
          expect(res.body.error.message).toBe(
            'Unknown provisioning run or wrong callback token',
          );
        }
        await unchanged();
        const failed = app.audits.filter(
          a =>
            a.eventId === 'provisioning-run-callback' && a.outcome === 'failed',
        );
        expect(failed).toHaveLength(4);
      });

      it('refuses a malformed body with the field named', async () => {
        const res = await report(runId, { ...good, status: 'done' }, token);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(/status/);
        const res2 = await report(
          runId,
          { ...good, resources: [{ title: 'x', url: 'file:///etc/passwd' }] },
          token,
        );
        expect(res2.status).toBe(400);
        expect(res2.body.error.message).toMatch(/resources\.0\.url/);
        await unchanged();
      });

      it('refuses a replayed event id', async () => {
        expect((await report(runId, good, token)).status).toBe(201);
        const replay = await report(
          runId,
          { ...good, status: 'succeeded', final: true },
          token,
        );
        expect(replay.status).toBe(409);
        expect(replay.body.error.message).toMatch(/e-1 was already recorded/);
        const run = await getRun(runId);
        expect(run.events).toHaveLength(1);
        expect(run.status).toBe('running');
      });

      it('refuses reports after the run ended (the token expires with the run)', async () => {
        expect(
          (
            await report(
              runId,
              { ...good, status: 'succeeded', final: true },
              token,
            )
          ).status,
        ).toBe(201);
        const late = await report(
          runId,
          { ...good, eventId: 'e-2', status: 'failed' },
          token,
        );
        expect(late.status).toBe(409);
        expect(late.body.error.message).toMatch(/already ended \(succeeded\)/);
        expect((await getRun(runId)).status).toBe('succeeded');
      });
    });
  },
);
