/*
 * The provisioning plugin in a backend: trigger over HTTP, delivery to the webhook harness, the
 * harness playing the workflow's callbacks, the timeline; and every way a callback is refused.
 * Runs on PostgreSQL and on SQLite (local development).
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import { waitFor } from '@internal/plugin-portico-node/testUtils';
import type { Knex } from 'knex';
import request from 'supertest';
import { applyProvisioningMigrations } from './database/migrations';
import { FakeKubernetesSecrets } from './testing/FakeKubernetesSecrets';
import {
  HARNESS_CONTEXT,
  startProvisioningBackend,
} from './testing/startProvisioningBackend';
import { WebhookHarness } from './testing/WebhookHarness';

jest.setTimeout(60_000);

const EVENTSOURCE_SECRET = 'plugin-test-eventsource-secret-0123';
const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const bob = mockCredentials.user.header('user:default/bob');

/** How long the tests wait for the dispatcher and the harness's workflow, and how often they look. */
const WAIT = { timeoutMs: 15_000, intervalMs: 50 };

describe.each(databases.eachSupportedId())(
  'provisioning plugin on %s',
  databaseId => {
    let harness: WebhookHarness;
    let app: Awaited<ReturnType<typeof startProvisioningBackend>>;
    let server: any;
    let knex: Knex;

    const start = async (config?: JsonObject) => {
      await app?.backend.stop();
      app = await startProvisioningBackend({
        knex,
        webhookUrl: harness.url,
        authToken: EVENTSOURCE_SECRET,
        config,
      });
      server = app.backend.server;
    };

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      await applyProvisioningMigrations(knex);
      harness = await WebhookHarness.start({
        context: HARNESS_CONTEXT,
        authToken: EVENTSOURCE_SECRET,
      });
      app = undefined as any;
      await start();
    });

    afterEach(async () => {
      await harness.stop();
      await app.backend.stop();
    });

    /** Every row of every provisioning table (to show that a refusal wrote nothing). */
    const snapshot = async () =>
      JSON.stringify(
        await Promise.all(
          [
            'provisioning_runs',
            'provisioning_outbox',
            'provisioning_run_events',
            'provisioning_run_tokens',
          ].map(t => knex(t).select('*')),
        ),
      );
    const NEW_ENV = {
      template: 'new-environment',
      entityRef: 'component:default/payments-svc',
      parameters: { environment: 'payments-dev' },
    };

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

    /** The run once `ok` holds for it (`what` names that in a timeout). */
    const runWhen = (runId: string, what: string, ok: (run: any) => boolean) =>
      waitFor(
        `run ${runId} ${what}`,
        async () => {
          const run = await getRun(runId);
          return ok(run) ? run : undefined;
        },
        WAIT,
      );
    /** Waits until the dispatcher has handed the run to the workflow (nothing left in flight). */
    const running = (runId: string) =>
      runWhen(runId, 'running', r => r.status === 'running');
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

      const done = await runWhen(
        runId,
        'succeeded',
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
      const { runId } = (await trigger(NEW_ENV)).body;
      const run = await runWhen(runId, 'failed', r => r.status === 'failed');
      expect(run.failureReason).toBe(
        'Step rbac failed: rbac could not be created',
      );
    });

    if (databaseId !== 'POSTGRES_15') return;

    it('refuses triggers that are not the owner’s, or malformed, or for unknown entities', async () => {
      const denied = await trigger({
        ...NEW_ENV,
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
        ...NEW_ENV,
        entityRef: 'component:default/nope',
      });
      expect(unknown.status).toBe(404);

      const service = await trigger(NEW_ENV, mockCredentials.service.header());
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

    describe('run parameters against the registered schema', () => {
      const refused = async (body: object, status: number, message: RegExp) => {
        const before = await snapshot();
        const res = await trigger(body);
        expect([res.status, res.body.error?.message]).toEqual([
          status,
          expect.stringMatching(message),
        ]);
        // Nothing written: no run row, no outbox row; nothing delivered.
        expect(await snapshot()).toBe(before);
        return res;
      };

      it('refuses an unregistered template, unknown, missing and invalid parameters (400 naming the field), writing nothing', async () => {
        await refused(
          { ...NEW_ENV, template: 'delete-cluster' },
          400,
          /^Invalid field template: delete-cluster is not a registered provisioning template \(registered: new-environment\)$/,
        );
        await refused(
          {
            ...NEW_ENV,
            parameters: { environment: 'dev', script: 'rm -rf /' },
          },
          400,
          /^Unknown field parameters\.script/,
        );
        await refused(
          { ...NEW_ENV, parameters: { baselineServices: ['monitoring'] } },
          400,
          /^Missing field parameters\.environment$/,
        );
        await refused(
          {
            ...NEW_ENV,
            parameters: { environment: 'x"; kubectl delete ns --all; "' },
          },
          400,
          /^Invalid field parameters\.environment: must match pattern/,
        );
        await refused(
          {
            ...NEW_ENV,
            parameters: { environment: 'dev', baselineServices: ['$(id)'] },
          },
          400,
          /^Invalid field parameters\.baselineServices\.0: must be equal to one of the allowed values$/,
        );
        await refused(
          {
            ...NEW_ENV,
            parameters: { environment: 'dev', baselineServices: 'redis' },
          },
          400,
          /^Invalid field parameters\.baselineServices: must be array$/,
        );
        expect(harness.deliveries).toHaveLength(0);
        expect(
          app.audits
            .filter(a => a.eventId === 'provisioning-run-trigger')
            .map(a => a.outcome),
        ).toEqual(
          Array(12)
            .fill(0)
            .map((_, i) => (i % 2 ? 'failed' : 'initiated')),
        );
      });

      it.each(['kube-system', 'default', 'argocd', 'argo', 'portico', 'vault'])(
        'refuses the reserved namespace %s as a field error, before ownership is looked at',
        async name => {
          for (const entityRef of [
            'component:default/payments-svc',
            // Not the user's: the reserved name is still what is reported.
            'component:default/storefront',
          ]) {
            await refused(
              { ...NEW_ENV, entityRef, parameters: { environment: name } },
              400,
              new RegExp(
                `^Invalid field parameters\\.environment: "${name}" is reserved for the platform`,
              ),
            );
          }
          expect(harness.deliveries).toHaveLength(0);
        },
      );

      it('refuses a namespace another team holds (403 naming the team), accepts its own and new ones', async () => {
        await refused(
          { ...NEW_ENV, parameters: { environment: 'storefront-prod' } },
          403,
          /^Namespace "storefront-prod" \(parameters\.environment\) belongs to team storefront-team, not to payments-team$/,
        );
        const own = await trigger({
          ...NEW_ENV,
          parameters: { environment: 'payments-staging' },
        });
        expect(own.status).toBe(202);
        const fresh = await trigger(NEW_ENV);
        expect(fresh.status).toBe(202);
        // Stored as the workflow gets it: schema defaults filled in.
        expect((await getRun(fresh.body.runId)).parameters).toEqual({
          environment: 'payments-dev',
          baselineServices: ['monitoring'],
        });
      });

      it('delivers the owning team with the run', async () => {
        const { runId } = (await trigger(NEW_ENV)).body;
        await waitFor(
          'one delivery',
          () => harness.deliveries.length === 1,
          WAIT,
        );
        expect(harness.deliveries[0].payload).toMatchObject({
          runId,
          owner: 'group:default/payments-team',
          team: 'payments-team',
        });
      });
    });

    it('accepts users, and the scaffolder acting for a user (as that user), nothing else', async () => {
      const viaScaffolder = `Bearer ${mockCredentials.user.token(
        'user:default/bob',
        { actor: { subject: 'plugin:scaffolder' } },
      )}`;
      const ok = await trigger(NEW_ENV, viaScaffolder);
      expect(ok.status).toBe(202);
      await running(ok.body.runId);
      expect((await getRun(ok.body.runId)).userRef).toBe('user:default/bob');
      expect(
        app.audits.find(
          a =>
            a.eventId === 'provisioning-run-trigger' &&
            a.outcome === 'succeeded',
        )?.meta,
      ).toMatchObject({ actor: 'plugin:scaffolder' });

      const before = await snapshot();
      const viaOtherPlugin = await trigger(
        NEW_ENV,
        `Bearer ${mockCredentials.user.token('user:default/bob', {
          actor: { subject: 'plugin:catalog' },
        })}`,
      );
      expect(viaOtherPlugin.status).toBe(403);
      expect(viaOtherPlugin.body.error.message).toMatch(
        /not by plugin:catalog/,
      );
      const plugin = await trigger(NEW_ENV, mockCredentials.service.header());
      expect(plugin.status).toBe(403);
      expect(await snapshot()).toBe(before);
    });

    it('limits the runs a user has in progress (429 with Retry-After)', async () => {
      await start({ provisioning: { limits: { activeRunsPerUser: 2 } } });
      for (let i = 0; i < 2; i++) {
        const res = await trigger(NEW_ENV);
        expect(res.status).toBe(202);
        await running(res.body.runId);
      }
      const before = await snapshot();
      const third = await trigger(NEW_ENV);
      expect(third.status).toBe(429);
      expect(third.headers['retry-after']).toBe('60');
      expect(third.body.error.message).toMatch(
        /2 provisioning runs in progress/,
      );
      expect(await snapshot()).toBe(before);
      // Another user is not held back.
      expect(
        (
          await trigger(
            NEW_ENV,
            mockCredentials.user.header('user:default/carol'),
          )
        ).status,
      ).toBe(202);
    });

    describe('refused callbacks are counted and rate-limited', () => {
      const report = (id: string, bearer: string, eventId = 'e-1') =>
        request(server)
          .post(`/api/provisioning/runs/${id}/events`)
          .set({ authorization: `Bearer ${bearer}` })
          .send({ eventId, step: 'namespace', status: 'running' });
      const delivered = async () => {
        const { runId } = (await trigger(NEW_ENV)).body;
        await waitFor(
          `the delivery of run ${runId}`,
          () => harness.deliveries.filter(d => d.runId === runId).length === 1,
          WAIT,
        );
        const token = harness.deliveries.find(d => d.runId === runId)!.payload!
          .callbackToken!;
        await running(runId);
        return { runId, token };
      };

      it('answers 429 to a source address past its refusals, before looking the token up, writing nothing', async () => {
        await start({
          provisioning: {
            callback: { refusals: { perSourceIp: 5, perRun: 100 } },
          },
        });
        const { runId, token } = await delivered();
        const before = await snapshot();
        const statuses: number[] = [];
        for (let i = 0; i < 8; i++) {
          statuses.push((await report(runId, 'B'.repeat(43))).status);
        }
        expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
        const blocked = await report(runId, token);
        expect(blocked.status).toBe(429);
        expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
        expect(await snapshot()).toBe(before);
        expect(
          app.audits.filter(a => a.eventId === 'provisioning-run-callback'),
        ).toEqual([]);
      });

      it('answers 429 to refused callbacks of a run past its refusals, while the run’s own token keeps working', async () => {
        await start({
          provisioning: {
            callback: { refusals: { perSourceIp: 100, perRun: 3 } },
          },
        });
        const { runId, token } = await delivered();
        const statuses: number[] = [];
        for (let i = 0; i < 5; i++) {
          statuses.push((await report(runId, 'C'.repeat(43))).status);
        }
        expect(statuses).toEqual([401, 401, 401, 429, 429]);
        expect((await report(runId, token)).status).toBe(201);
      });

      it('revokes the previous token when a run is delivered again', async () => {
        // The first answer is lost (503 after the webhook may have taken it): a second attempt.
        harness.answerNext({ kind: 'status', status: 503 });
        const { runId } = (await trigger(NEW_ENV)).body;
        await running(runId);
        const [first, second] = harness.deliveries.map(
          d => d.payload!.callbackToken!,
        );
        expect(first).not.toBe(second);
        expect((await report(runId, first)).status).toBe(401);
        expect((await report(runId, second)).status).toBe(201);
        expect(
          await knex('provisioning_run_tokens').where({ run_id: runId }),
        ).toHaveLength(1);
      });

      it('refuses an expired token without writing anything', async () => {
        const { runId, token } = await delivered();
        // As if the sweep had already deleted the expired token's Secret: the sweep (a scheduled
        // job, not the callback) would otherwise stamp the row while the test compares.
        await knex('provisioning_runs')
          .where({ id: runId })
          .update({
            callback_token_expires_at: new Date(Date.now() - 1000),
            callback_secret_removed_at: new Date(),
          });
        const before = await snapshot();
        const res = await report(runId, token);
        expect(res.status).toBe(401);
        expect(res.body.error.message).toBe(
          'The callback token of this run has expired',
        );
        expect(await snapshot()).toBe(before);
      });
    });

    describe('callback token in a Secret (tokenDelivery: secret)', () => {
      let kube: FakeKubernetesSecrets;
      beforeEach(async () => {
        kube = await FakeKubernetesSecrets.start();
        harness.secretReader = ref =>
          kube.read(ref.namespace, ref.name, ref.key);
        await start({
          provisioning: {
            callback: {
              tokenDelivery: 'secret',
              secret: {
                namespace: 'argo',
                kubernetes: {
                  url: kube.url,
                  token: 'portal-sa-token',
                  // The fake speaks plain HTTP.
                  skipTLSVerify: true,
                },
              },
            },
          },
        });
      });
      afterEach(() => kube.stop());

      it('writes the token into the run’s Secret (not the payload), rotates it per attempt, deletes it when the run ends', async () => {
        harness.answerNext({ kind: 'status', status: 503 });
        harness.workflow = { steps: ['namespace'], stepDelayMs: 10 };
        const { runId } = (await trigger(NEW_ENV)).body;
        const done = await runWhen(
          runId,
          'succeeded',
          r => r.status === 'succeeded',
        );
        expect(done.events).toHaveLength(2);
        for (const d of harness.deliveries) {
          expect(d.payload!.callbackToken).toBeUndefined();
          expect(d.payload!.callbackTokenSecret).toEqual({
            namespace: 'argo',
            name: `portico-run-${runId}`,
            key: 'token',
          });
          expect(JSON.stringify(d.payload)).not.toMatch(/token_hash/);
        }
        const writes = kube.requests.filter(r => r.method !== 'DELETE');
        expect(writes.map(r => `${r.method} ${r.path}`)).toEqual([
          'POST /api/v1/namespaces/argo/secrets',
          'POST /api/v1/namespaces/argo/secrets',
          `PUT /api/v1/namespaces/argo/secrets/portico-run-${runId}`,
        ]);
        expect(writes[0].authorization).toBe('Bearer portal-sa-token');
        expect(writes[0].body.metadata.labels).toMatchObject({
          'app.kubernetes.io/managed-by': 'portico-provisioning',
          'portico.io/provisioning-run': runId,
        });
        // Two attempts, two different tokens: the second replaced the first.
        const [a, b] = [writes[0], writes[2]].map(w => w.body.data.token);
        expect(a).not.toBe(b);
        // The run ended: its Secret is gone, and marked so.
        await waitFor(
          'the token Secret removed',
          () => kube.secrets.size === 0,
          WAIT,
        );
        const row = await knex('provisioning_runs')
          .where({ id: runId })
          .first();
        expect(row.callback_secret_removed_at).not.toBeNull();
      });

      it('retries the delivery (without posting) while the Secret cannot be written', async () => {
        kube.failWith = 500;
        const { runId } = (await trigger(NEW_ENV)).body;
        const run = await runWhen(
          runId,
          'delivery.attempts >= 2',
          r => r.delivery.attempts >= 2,
        );
        expect(run.delivery.lastError).toBe(
          'could not create the callback token Secret (Kubernetes answered 500)',
        );
        expect(harness.deliveries).toHaveLength(0);
        kube.failWith = undefined;
        await runWhen(runId, 'running', r => r.status === 'running');
        expect(harness.deliveries).toHaveLength(1);
      });
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
        runId = (await trigger(NEW_ENV)).body.runId;
        await waitFor(
          'one delivery',
          () => harness.deliveries.length === 1,
          WAIT,
        );
        token = harness.deliveries[0].payload!.callbackToken!;
        await running(runId);
      });

      const unchanged = async () => {
        const run = await getRun(runId);
        expect(run.events).toEqual([]);
        expect(['delivering', 'running']).toContain(run.status);
      };

      it('refuses a wrong token and an unknown run alike, without a Backstage token too, writing nothing (not even an audit event)', async () => {
        const before = await snapshot();
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
        expect(await snapshot()).toBe(before);
        expect(
          app.audits.filter(a => a.eventId === 'provisioning-run-callback'),
        ).toEqual([]);
      });

      it('audits accepted callbacks as before', async () => {
        expect((await report(runId, good, token)).status).toBe(201);
        expect(
          app.audits
            .filter(a => a.eventId === 'provisioning-run-callback')
            .map(a => a.outcome),
        ).toEqual(['initiated', 'succeeded']);
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
