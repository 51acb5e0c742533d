/*
 * One backend instance of the provisioning bench (a child process): its own PostgreSQL pool,
 * the plugin's stores and OutboxDispatcher (polled like the scheduled task, and nudged after
 * each trigger), i.e. what POST /runs does after auth and the trigger rules.
 * The parent sends {type: 'trigger', n} and gets {type: 'triggered', n, runId}.
 */
import { createProvisioningInstance } from '@internal/plugin-provisioning-backend/testUtils';
import knexFactory from 'knex';

const [name, webhookUrl] = process.argv.slice(2);
const authToken = process.env.BENCH_WEBHOOK_TOKEN ?? '';
const logger: any = {
  info: () => {},
  debug: () => {},
  warn: () => {},
  error: (m: string) => process.stderr.write(`[${name}] ${m}\n`),
  child: () => logger,
};

async function main() {
  const knex = knexFactory({
    client: 'pg',
    connection:
      process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING +
      '/provisioning_bench',
    pool: { min: 2, max: 10 },
  });
  const config = {
    webhookUrl,
    authToken,
    requestTimeoutMs: 2000,
    maxAttempts: 100,
    backoffBaseMs: 100,
    backoffMaxMs: 1000,
    tokenTtlMs: 3600_000,
    intervalMs: 250,
    batchSize: 50,
    leaseMs: 10_000,
  };
  const instance = createProvisioningInstance({
    knex,
    config,
    logger,
    instanceId: name,
    callbackUrl: id => `http://portal.bench/api/provisioning/runs/${id}/events`,
  });
  // The scheduled task: every intervalMs, one round (rounds never overlap in a process).
  const timer = setInterval(() => {
    instance.runOnce().catch(e => logger.error(`round failed: ${e}`));
  }, config.intervalMs);

  process.on('message', async (msg: any) => {
    if (msg.type === 'trigger') {
      try {
        const run = await instance.record({
          template: 'new-environment',
          entityRef: `component:default/svc-${msg.n % 50}`,
          owner: `group:default/team-${msg.n % 7}`,
          userRef: 'user:default/bench',
          parameters: { environment: `env-${msg.n}` },
        });
        process.send!({ type: 'triggered', n: msg.n, runId: run.id });
      } catch (error) {
        process.send!({ type: 'triggered', n: msg.n, error: String(error) });
      }
    } else if (msg.type === 'stop') {
      clearInterval(timer);
      await instance.stop();
      await knex.destroy();
      process.send!({ type: 'stopped' });
      process.exit(0);
    }
  });
  process.send!({ type: 'ready' });
}

main().catch(error => {
  process.stderr.write(`[${name}] ${error}\n`);
  process.exit(1);
});
