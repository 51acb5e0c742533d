/*
 * Reliability of the outbox on real PostgreSQL: outages, retries, give-up, a replica stopped
 * mid-delivery or dying after its claim, two replicas on one database, 200 concurrent triggers.
 * The webhook is the harness (Argo Events webhook EventSource stand-in), which counts deliveries
 * per idempotency key.
 */
import { mockServices } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import {
  createProvisioningStores,
  type ProvisioningStores,
} from '../database/ProvisioningStores';
import { WebhookHarness } from '../testing/WebhookHarness';
import { provisioningTestDatabases } from '../testing/provisioningDatabases';
import { HARNESS_CONTEXT, testConfig } from '../testing/testConfig';
import type { ProvisioningConfig } from '../config/ProvisioningConfig';
import { OutboxDispatcher } from './OutboxDispatcher';

jest.setTimeout(120_000);

const dbs = provisioningTestDatabases();

describe('outbox delivery on PostgreSQL', () => {
  let knex: Knex;
  let storeA: ProvisioningStores;
  let storeB: ProvisioningStores;
  let harness: WebhookHarness;
  const dispatchers: OutboxDispatcher[] = [];

  beforeEach(async () => {
    knex = await dbs.init('POSTGRES_15');
    storeA = createProvisioningStores(knex);
    storeB = createProvisioningStores(dbs.secondPool(knex));
    harness = await WebhookHarness.start({
      context: HARNESS_CONTEXT,
      authToken: testConfig('').authToken,
    });
  });

  afterEach(async () => {
    await Promise.all(dispatchers.splice(0).map(d => d.stop()));
    await harness.stop();
    await dbs.destroyPools();
  });

  function dispatcher(
    stores: ProvisioningStores,
    id: string,
    overrides: Partial<ProvisioningConfig> = {},
  ) {
    const d = new OutboxDispatcher({
      stores,
      config: testConfig(harness.url, overrides),
      logger: mockServices.logger.mock(),
      instanceId: id,
      callbackUrl: runId =>
        `http://portal.test/api/provisioning/runs/${runId}/events`,
    });
    dispatchers.push(d);
    return d;
  }

  /** Runs the dispatchers side by side, as their scheduled tasks would, until `done`. */
  async function pump(
    ds: OutboxDispatcher[],
    done: () => Promise<boolean> | boolean,
    timeoutMs = 60_000,
  ) {
    const deadline = Date.now() + timeoutMs;
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error('pump timed out');
      await Promise.all(ds.map(d => d.runOnce()));
      await new Promise(r => setTimeout(r, 25));
    }
  }

  const trigger = (stores: ProvisioningStores, n: number) =>
    stores.runs.createRun({
      template: 'new-environment',
      entityRef: 'component:default/payments-svc',
      owner: 'group:default/payments-team',
      userRef: 'user:default/bob',
      parameters: { environment: `env-${n}` },
    });

  const runsWith = async (status: string) =>
    (await knex('provisioning_runs').where({ status })).length;

  it('queues runs while the webhook is down and delivers each once when it returns', async () => {
    await harness.outage();
    const runs = await Promise.all(
      Array.from({ length: 20 }, (_, i) => trigger(storeA, i)),
    );
    // A generous timeout: an answer lost to a timeout is (rightly) delivered again.
    const d = dispatcher(storeA, 'a', { requestTimeoutMs: 15_000 });
    // Down long enough for every run to have failed at least twice.
    await pump([d], async () => {
      const [{ min }] = await knex('provisioning_outbox').min({
        min: 'attempts',
      });
      return Number(min) >= 2;
    });
    expect(await runsWith('running')).toBe(0);
    const pending = await storeA.runs.getRun(runs[0].id);
    expect(pending?.status).toBe('delivering');
    expect(pending?.delivery.lastError).toMatch(/ECONNREFUSED/);
    expect(pending?.delivery.attempts).toBeGreaterThan(1);

    await harness.recover();
    await pump([d], async () => (await runsWith('running')) === 20);
    const accepted = harness.acceptedByKey();
    expect(accepted.size).toBe(20);
    expect([...accepted.values()].every(n => n === 1)).toBe(true);
    for (const run of runs) {
      expect(accepted.get(`provisioning-run-${run.id}`)).toBe(1);
    }
  });

  it('retries 5xx, 429 and timeouts with backoff, then delivers', async () => {
    harness.answerNext(
      { kind: 'status', status: 503 },
      { kind: 'hang' },
      { kind: 'status', status: 429 },
      { kind: 'status', status: 500 },
    );
    const run = await trigger(storeA, 1);
    // A short timeout, so that the hanging answer times out quickly.
    const d = dispatcher(storeA, 'a', { requestTimeoutMs: 500 });
    await pump(
      [d],
      async () => (await storeA.runs.getRun(run.id))?.status === 'running',
    );
    const key = `provisioning-run-${run.id}`;
    const mine = harness.deliveries.filter(x => x.idempotencyKey === key);
    expect(mine.map(x => x.status)).toEqual([503, 'aborted', 429, 500, 200]);
    // Backoff: the attempts are spread out, not fired back to back.
    expect(mine[4].at - mine[2].at).toBeGreaterThanOrEqual(20);
    const stored = await storeA.runs.getRun(run.id);
    expect(stored?.delivery).toMatchObject({ attempts: 5 });
    expect(stored?.delivery.deliveredAt).toBeDefined();
  });

  it('gives up after maxAttempts and fails the run with the reason', async () => {
    harness.mode = { kind: 'status', status: 503 };
    const run = await trigger(storeA, 1);
    const d = dispatcher(storeA, 'a', { maxAttempts: 3 });
    await pump(
      [d],
      async () => (await storeA.runs.getRun(run.id))?.status === 'failed',
    );
    const failed = await storeA.runs.getRun(run.id);
    expect(failed?.failureReason).toBe(
      'Delivery to the Argo Events webhook failed after 3 attempts: webhook answered 503 Service Unavailable',
    );
    expect(harness.deliveries).toHaveLength(3);
    // Nothing is left to deliver; later rounds do not try again.
    await d.runOnce();
    expect(harness.deliveries).toHaveLength(3);
    expect(await storeA.outbox.pendingDeliveries()).toBe(0);
  });

  it('fails the run at once when the webhook refuses it for good (4xx)', async () => {
    harness.mode = { kind: 'status', status: 404 };
    const run = await trigger(storeA, 1);
    const d = dispatcher(storeA, 'a');
    await pump(
      [d],
      async () => (await storeA.runs.getRun(run.id))?.status === 'failed',
    );
    expect((await storeA.runs.getRun(run.id))?.failureReason).toMatch(
      /^The Argo Events webhook refused the run: webhook answered 404/,
    );
    expect(harness.deliveries).toHaveLength(1);
  });

  it('fails the run when the EventSource rejects our auth (401), never retrying with a bad secret', async () => {
    const run = await trigger(storeA, 1);
    const d = dispatcher(storeA, 'a', { authToken: 'wrong-secret-0123456789' });
    await pump(
      [d],
      async () => (await storeA.runs.getRun(run.id))?.status === 'failed',
    );
    expect((await storeA.runs.getRun(run.id))?.failureReason).toMatch(/401/);
  });

  it('hands a run back when its replica stops mid-delivery; another delivers it', async () => {
    harness.latencyMs = 1500;
    const run = await trigger(storeA, 1);
    const a = dispatcher(storeA, 'a');
    const b = dispatcher(storeB, 'b');
    const round = a.runOnce();
    await pump([], () => harness.deliveries.length === 1, 5000);
    await a.stop();
    await round;
    harness.latencyMs = 0;
    await pump(
      [b],
      async () => (await storeB.runs.getRun(run.id))?.status === 'running',
    );
    expect(harness.deliveries.map(x => x.status)).toEqual(['aborted', 200]);
    expect(harness.acceptedByKey().get(`provisioning-run-${run.id}`)).toBe(1);
  });

  it('delivers a run claimed by a replica that died, once its lease runs out', async () => {
    const run = await trigger(storeA, 1);
    // Replica A claims and dies before POSTing (no release, no mark).
    const claimed = await storeA.outbox.claimDue({
      claimedBy: 'a',
      limit: 10,
      leaseMs: 1500,
    });
    // (B's own lease is the default; A's short one is what B waits for.)
    expect(claimed).toHaveLength(1);
    const b = dispatcher(storeB, 'b');
    await b.runOnce();
    expect(harness.deliveries).toHaveLength(0);
    const started = Date.now();
    await pump(
      [b],
      async () => (await storeB.runs.getRun(run.id))?.status === 'running',
    );
    expect(Date.now() - started).toBeGreaterThan(1000);
    expect(harness.acceptedByKey().get(`provisioning-run-${run.id}`)).toBe(1);
  });

  it('two replicas on one database deliver each of 200 concurrent triggers exactly once', async () => {
    harness.latencyMs = 5;
    const runs = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        trigger(i % 2 ? storeA : storeB, i),
      ),
    );
    expect(new Set(runs.map(r => r.id)).size).toBe(200);
    // A generous timeout: this test is about claims, not about timeouts under CPU load.
    const settings = {
      batchSize: 20,
      requestTimeoutMs: 10_000,
      leaseMs: 20_000,
    };
    const a = dispatcher(storeA, 'a', settings);
    const b = dispatcher(storeB, 'b', settings);
    await pump([a, b], async () => (await runsWith('running')) === 200);
    const accepted = harness.acceptedByKey();
    expect(accepted.size).toBe(200);
    expect([...accepted.values()].filter(n => n !== 1)).toEqual([]);
    // Not even attempted twice: SKIP LOCKED keeps the replicas apart.
    expect(harness.deliveries).toHaveLength(200);
    const rows = await knex('provisioning_outbox').select('claimed_by');
    const byReplica = new Set(rows.map(r => r.claimed_by));
    expect(byReplica).toEqual(new Set(['a', 'b']));
  });
});
