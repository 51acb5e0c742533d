import type { Knex } from 'knex';
import { hashCallbackToken } from '../tokens/callbackToken';
import { provisioningTestDatabases } from '../testing/provisioningDatabases';
import {
  createProvisioningStores,
  type ProvisioningStores,
} from './ProvisioningStores';

jest.setTimeout(60_000);

const dbs = provisioningTestDatabases(['POSTGRES_15']);

describe('provisioning stores', () => {
  let knex: Knex;
  let stores: ProvisioningStores;

  beforeAll(async () => {
    knex = await dbs.init('POSTGRES_15');
    stores = createProvisioningStores(knex);
  });

  const newRun = (n: number, entityRef = 'component:default/a') =>
    stores.runs.createRun(
      {
        template: 't',
        entityRef,
        owner: 'group:default/team-a',
        userRef: 'user:default/bob',
        parameters: { n },
      },
      new Date(Date.UTC(2026, 0, 1, 0, 0, n)),
    );
  /** One delivery attempt's token for `runId`. */
  const prepareAttempt = (attempt: {
    runId: string;
    tokenHash: string;
    expiresAt: Date;
  }) =>
    stores.tokens.prepareAttempts({
      attempts: [{ runId: attempt.runId, tokenHash: attempt.tokenHash }],
      expiresAt: attempt.expiresAt,
    });

  it('writes the run and its outbox row in one transaction', async () => {
    const run = await newRun(0);
    const outbox = await knex('provisioning_outbox').where({ run_id: run.id });
    expect(outbox).toHaveLength(1);
    expect(outbox[0].idempotency_key).toBe(`provisioning-run-${run.id}`);
  });

  it('pages newest first with a cursor, and filters', async () => {
    for (let n = 1; n <= 5; n++)
      await newRun(
        n,
        n % 2 ? 'component:default/odd' : 'component:default/even',
      );
    const first = await stores.runs.listRuns(
      { entityRef: 'component:default/odd' },
      { limit: 2 },
    );
    expect(first.items.map(r => r.parameters.n)).toEqual([5, 3]);
    const second = await stores.runs.listRuns(
      { entityRef: 'component:default/odd' },
      { limit: 2, cursor: first.nextCursor },
    );
    expect(second.items.map(r => r.parameters.n)).toEqual([1]);
    expect(second.nextCursor).toBeUndefined();
    expect(
      (await stores.runs.listRuns({ status: 'failed' }, { limit: 10 })).items,
    ).toEqual([]);
  });

  it('refuses a valid token after its lifetime, and a token a newer attempt revoked', async () => {
    const run = await newRun(10);
    const first = 'token-of-run-10-xxxxxxxxxxxxxxxx';
    const second = 'second-token-xxxxxxxxxxxxxxxx';
    await prepareAttempt({
      runId: run.id,
      tokenHash: hashCallbackToken(first),
      expiresAt: new Date(Date.now() - 1000),
    });
    const check = (token: string) => (hashes: string[]) =>
      hashes.includes(hashCallbackToken(token));
    const event = {
      eventId: 'e1',
      step: 's',
      status: 'running' as const,
      resources: [],
      final: false,
    };
    /** What the token store and the event store answer to `token`. */
    const answers = async (token: string) => ({
      check: await stores.tokens.checkToken(run.id, check(token)),
      append: await stores.events.appendEvent(run.id, check(token), event),
    });
    expect(await answers(first)).toEqual({
      check: 'expired',
      append: { result: 'expired' },
    });
    expect((await stores.runs.getRun(run.id))?.events).toEqual([]);
    await prepareAttempt({
      runId: run.id,
      tokenHash: hashCallbackToken(second),
      expiresAt: new Date(Date.now() + 60_000),
    });
    // The new attempt revoked the first token.
    expect(await answers(first)).toEqual({
      check: 'unauthorized',
      append: { result: 'unauthorized' },
    });
    expect(await answers(second)).toEqual({
      check: 'valid',
      append: { result: 'recorded', status: 'running', seq: 1 },
    });
    // Only hashes are stored, one per run.
    const rows = await knex('provisioning_run_tokens').where({
      run_id: run.id,
    });
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(second);
  });

  it('lists runs whose token stopped working until their Secret is marked removed', async () => {
    const run = await newRun(30);
    await prepareAttempt({
      runId: run.id,
      tokenHash: 'h',
      expiresAt: new Date(Date.now() + 60_000),
    });
    expect(await stores.tokens.runsWithStaleTokenSecrets(10)).not.toContain(
      run.id,
    );
    await knex('provisioning_runs')
      .where({ id: run.id })
      .update({ callback_token_expires_at: new Date(Date.now() - 1) });
    expect(await stores.tokens.runsWithStaleTokenSecrets(10)).toContain(run.id);
    await stores.tokens.markTokenSecretsRemoved([run.id]);
    expect(await stores.tokens.runsWithStaleTokenSecrets(10)).not.toContain(
      run.id,
    );
  });

  it('counts the runs a user has in progress', async () => {
    const before = await stores.runs.activeRunsOf('user:default/bob');
    const run = await newRun(40);
    expect(await stores.runs.activeRunsOf('user:default/bob')).toBe(before + 1);
    expect(await stores.runs.activeRunsOf('user:default/alice')).toBe(0);
    await knex('provisioning_runs')
      .where({ id: run.id })
      .update({ status: 'succeeded' });
    expect(await stores.runs.activeRunsOf('user:default/bob')).toBe(before);
  });

  it('leaves a run the workflow ended alone when the webhook answers late or delivery gives up', async () => {
    const run = await newRun(50);
    const [delivery] = (
      await stores.outbox.claimDue({
        claimedBy: 'replica-a',
        limit: 100,
        leaseMs: 60_000,
      })
    ).filter(d => d.run.id === run.id);
    expect(delivery.attempts).toBe(1);
    await prepareAttempt({
      runId: run.id,
      tokenHash: 'h',
      expiresAt: new Date(Date.now() + 60_000),
    });
    expect((await stores.runs.getRun(run.id))?.status).toBe('delivering');
    // A fast workflow reports its end before the webhook's answer is recorded.
    expect(
      await stores.events.appendEvent(run.id, () => true, {
        eventId: 'e1',
        step: 'all',
        status: 'succeeded',
        resources: [],
        final: true,
      }),
    ).toEqual({ result: 'recorded', status: 'succeeded', seq: 1 });
    await stores.outbox.markDelivered(delivery);
    await stores.outbox.markGivenUp(delivery, 'late', 'should not apply');
    const after = await stores.runs.getRun(run.id);
    expect(after).toMatchObject({ status: 'succeeded' });
    expect(after?.failureReason).toBeUndefined();
    expect(after?.delivery.deliveredAt).toBeDefined();
  });

  it('numbers concurrent reports of one run consecutively', async () => {
    const run = await newRun(20);
    await prepareAttempt({
      runId: run.id,
      tokenHash: 'x',
      expiresAt: new Date(Date.now() + 60_000),
    });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        stores.events.appendEvent(run.id, () => true, {
          eventId: `e${i}`,
          step: `s${i}`,
          status: 'running',
          resources: [],
          final: false,
        }),
      ),
    );
    expect(results.map(r => (r as any).seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
  });
});
