/*
 * The provisioning bench (see run.sh): two backend instances (child processes) on one
 * PostgreSQL, the Argo Events webhook (the local platform's argoEvents peer: webhook.ts) with an
 * outage in the middle, concurrent triggers in waves; counts losses and duplicates by
 * idempotency key and times trigger to delivery.
 */
import { applyProvisioningMigrations } from '@internal/plugin-provisioning-backend';
import knexFactory from 'knex';
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { startWebhook } from './webhook';

const WAVES = Number(process.env.BENCH_PROVISIONING_WAVES ?? 3);
const PER_WAVE = Number(process.env.BENCH_PROVISIONING_PER_WAVE ?? 100);
const WAVE_GAP_MS = 600;
const OUTAGE_MS = Number(process.env.BENCH_PROVISIONING_OUTAGE_MS ?? 3000);
const LATENCY_MS = 5;
const PG = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;

function startInstance(
  name: string,
  webhook: { url: string; token: string },
): Promise<ChildProcess> {
  const child = fork(path.join(__dirname, 'instance.ts'), [name, webhook.url], {
    // the webhook's token by environment, not on the command line (ps shows that)
    env: { ...process.env, BENCH_WEBHOOK_TOKEN: webhook.token },
    execArgv: [
      '--require',
      path.resolve(
        __dirname,
        '../../node_modules/@backstage/cli/config/nodeTransform.cjs',
      ),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', code => reject(new Error(`${name} exited ${code}`)));
    child.on('message', (m: any) => m.type === 'ready' && resolve(child));
  });
}

function p(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0
  );
}

async function main() {
  if (!PG) throw new Error('run through scripts/with-postgres.sh');
  const admin = knexFactory({ client: 'pg', connection: `${PG}/postgres` });
  await admin.raw('DROP DATABASE IF EXISTS provisioning_bench');
  await admin.raw('CREATE DATABASE provisioning_bench');
  await admin.destroy();
  const knex = knexFactory({
    client: 'pg',
    connection: `${PG}/provisioning_bench`,
  });
  await applyProvisioningMigrations(knex);

  const harness = await startWebhook(LATENCY_MS);
  const instances = await Promise.all([
    startInstance('a', harness),
    startInstance('b', harness),
  ]);

  const triggeredAt = new Map<string, number>();
  let failedTriggers = 0;
  const pending = new Map<number, (runId?: string) => void>();
  for (const child of instances) {
    child.on('message', (m: any) => {
      if (m.type !== 'triggered') return;
      if (m.error) failedTriggers++;
      pending.get(m.n)?.(m.runId);
    });
  }
  const trigger = (n: number) =>
    new Promise<void>(resolve => {
      const at = Date.now();
      pending.set(n, runId => {
        if (runId) triggeredAt.set(runId, at);
        resolve();
      });
      instances[Math.abs(n) % 2].send({ type: 'trigger', n });
    });

  // Warm-up (first queries, first fetch of each process): one run per instance, not counted.
  await Promise.all([trigger(-2), trigger(-1)]);
  while ((await harness.acceptedByKey()).size < 2)
    await new Promise(r => setTimeout(r, 20));
  triggeredAt.clear();
  await harness.clearDeliveries();
  await knex('provisioning_outbox').delete();

  const t0 = Date.now();
  let outageStart = 0;
  let outageEnd = 0;
  const waves: Promise<void>[] = [];
  for (let w = 0; w < WAVES; w++) {
    if (w === 1) {
      // The webhook goes away once the first wave is through, and comes back OUTAGE_MS later.
      await waves[0];
      const through = Date.now() + 10_000;
      while (
        (await harness.acceptedByKey()).size < triggeredAt.size &&
        Date.now() < through
      ) {
        await new Promise(r => setTimeout(r, 20));
      }
      await harness.outage();
      outageStart = Date.now();
      setTimeout(() => {
        harness.recover().then(() => {
          outageEnd = Date.now();
        });
      }, OUTAGE_MS);
    }
    waves.push(
      Promise.all(
        Array.from({ length: PER_WAVE }, (_, i) => trigger(w * PER_WAVE + i)),
      ).then(() => {}),
    );
    await new Promise(r => setTimeout(r, WAVE_GAP_MS));
  }
  await Promise.all(waves);
  const triggered = triggeredAt.size;

  // Wait until every run is delivered (or 60 s pass).
  const deadline = Date.now() + 60_000;
  const runIdOf = (key?: string) => key?.replace(/^provisioning-run-/, '');
  for (;;) {
    const accepted = await harness.acceptedByKey();
    if (
      [...triggeredAt.keys()].every(id =>
        accepted.has(`provisioning-run-${id}`),
      ) ||
      Date.now() > deadline
    )
      break;
    await new Promise(r => setTimeout(r, 100));
  }
  // A little longer, so that late duplicates would be seen.
  await new Promise(r => setTimeout(r, 1500));

  const accepted = await harness.acceptedByKey();
  const deliveries = await harness.deliveries();
  const firstAccepted = new Map<string, number>();
  for (const d of deliveries) {
    const id = runIdOf(d.idempotencyKey);
    if (id && d.status === 200 && !firstAccepted.has(id))
      firstAccepted.set(id, d.at);
  }
  const latencies = [...triggeredAt].flatMap(([id, at]) =>
    firstAccepted.has(id) ? [firstAccepted.get(id)! - at] : [],
  );
  const delivered = [...triggeredAt.keys()].filter(id =>
    accepted.has(`provisioning-run-${id}`),
  ).length;
  const duplicated = [...accepted.values()].reduce(
    (s, n) => s + Math.max(0, n - 1),
    0,
  );
  const lastDelivery = Math.max(...firstAccepted.values());
  const rows = await knex('provisioning_outbox').select(
    'claimed_by',
    'attempts',
  );
  const byInstance = rows.reduce<Record<string, number>>(
    (acc, r) => ({ ...acc, [r.claimed_by]: (acc[r.claimed_by] ?? 0) + 1 }),
    {},
  );
  const retried = rows.filter(r => r.attempts > 1).length;
  const duringOutage = [...triggeredAt.values()].filter(
    at => at >= outageStart && at < outageEnd,
  ).length;
  const calm = [...triggeredAt].flatMap(([id, at]) =>
    at < outageStart && firstAccepted.has(id)
      ? [firstAccepted.get(id)! - at]
      : [],
  );

  for (const child of instances) child.send({ type: 'stop' });
  await Promise.all(instances.map(c => new Promise(r => c.once('exit', r))));
  await harness.stop();
  await knex.destroy();

  const lines = [
    `Two backend instances on one PostgreSQL 15, webhook stand-in (${LATENCY_MS} ms latency), ${WAVES} waves of ${PER_WAVE} concurrent triggers ${WAVE_GAP_MS} ms apart`,
    `Webhook outage: ${
      outageEnd - outageStart
    } ms (connection refused), ${duringOutage} runs triggered during it`,
    `Triggered: ${triggered} (trigger errors: ${failedTriggers})`,
    `Delivered: ${delivered}, lost: ${
      triggered - delivered
    }, duplicated: ${duplicated}`,
    `Delivered by instance: ${JSON.stringify(
      byInstance,
    )}; runs that needed retries: ${retried}`,
    `Trigger to delivery before the outage (${calm.length} runs): p50 ${p(
      calm,
      0.5,
    )} ms, p99 ${p(calm, 0.99)} ms`,
    `Trigger to delivery, all runs: p50 ${p(latencies, 0.5)} ms, p90 ${p(
      latencies,
      0.9,
    )} ms, p99 ${p(latencies, 0.99)} ms, max ${Math.max(...latencies)} ms`,
    `Throughput: ${(delivered / ((lastDelivery - t0) / 1000)).toFixed(
      1,
    )} deliveries/s from the first trigger to the last delivery (outage included)`,
  ];
  if (process.env.BENCH_DEBUG) {
    // Delivery times (ms after the first trigger) around the outage, for a closer look.
    const rel = (t: number) => t - t0;
    const ds = deliveries.map(d => `${rel(d.at)}:${d.status}`);
    process.stdout.write(
      `outage ${rel(outageStart)}..${rel(outageEnd)}; deliveries: ${ds
        .slice(0, 10)
        .join(' ')} ... ${ds.slice(-10).join(' ')}\n`,
    );
    const trig = [...triggeredAt.values()].map(rel).sort((a, b) => a - b);
    process.stdout.write(`triggers ${trig[0]}..${trig[trig.length - 1]}\n`);
  }
  for (const line of lines) process.stdout.write(`${line}\n`);
  process.stdout.write(
    `${JSON.stringify({
      triggered,
      delivered,
      lost: triggered - delivered,
      duplicated,
      p99_ms: p(latencies, 0.99),
      per_s: Number((delivered / ((lastDelivery - t0) / 1000)).toFixed(1)),
    })}\n`,
  );
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
