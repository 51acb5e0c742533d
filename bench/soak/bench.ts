/*
 * make bench NAME=soak: make prod-local (REPLICAS, default 3) under a mixed load of signed-in
 * users of several teams (reads.ts with autocannon, writes.ts with the load's own record) for at
 * least SOAK_SECONDS (default 300), through the faults of faults.ts in order; then the checks
 * of checks.ts. Human-readable lines first, the last line one JSON object (see README of the
 * figures in run.sh).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { argocdControl, argoEventsControl } from '@internal/local-platform';
import { startProdLocal, type ProdLocal } from '@internal/local-platform/prod';
import { requestJson } from '../lib/httpJson';
import {
  auditCheck,
  provisioningCheck,
  schedulingCheck,
  taskCheck,
} from './checks';
import { runFaults } from './faults';
import { startReads } from './reads';
import { SoakRecord } from './record';
import { startWrites } from './writes';

const say = (line: string) => process.stdout.write(`[soak] ${line}\n`);
const num = (name: string, fallback: number) =>
  process.env[name] ? Number(process.env[name]) : fallback;

const mb = (bytes?: number) =>
  bytes ? Math.round(bytes / 1048576) : undefined;

function rss(prod: ProdLocal): Record<string, number | undefined> {
  return Object.fromEntries(prod.replicas.map(r => [r.name, mb(r.rssBytes())]));
}

/** TechDocs built once (the app's reader asks /sync first), the template for dry-runs. */
async function prepare(prod: ProdLocal) {
  const bob = prod.sessions.find(s => s.login === 'bob')!;
  const auth = { authorization: `Bearer ${bob.token}` };
  const sync = await fetch(
    `${prod.url}/api/techdocs/sync/default/component/payments-api`,
    { headers: { ...auth, accept: 'text/event-stream' } },
  );
  await sync.text();
  const template = await requestJson(
    `${prod.url}/api/catalog/entities/by-name/template/default/new-environment`,
    { headers: auth },
  );
  if (template.status !== 200)
    throw new Error(`template: HTTP ${template.status}`);
  return template.body;
}

/** A check's figures, or its error (so one failing check still leaves the others). */
async function guard<T>(check: Promise<T>): Promise<T & { error?: string }> {
  try {
    return (await check) as T & { error?: string };
  } catch (error) {
    return { error: (error as Error).message } as T & { error?: string };
  }
}

async function soak(prod: ProdLocal) {
  const seconds = num('SOAK_SECONDS', 300);
  const outageMs = num('SOAK_OUTAGE_MS', 20_000);
  const warmupMs = num('SOAK_WARMUP_MS', 20_000);
  const argocd = argocdControl(prod.platform.argocd!.control);
  const webhook = argoEventsControl(prod.platform.argoEvents!.control!);
  const template = await prepare(prod);
  const record = new SoakRecord();
  await argocd.resetCounts();
  await webhook.clearDeliveries();
  const began = Date.now();
  const reads = startReads(prod.url, prod.sessions, record);
  const writes = startWrites(
    prod.url,
    prod.sessions,
    record,
    template,
    began.toString(36),
    prod.platform.git!.host,
  );
  const connections: Record<string, number> = {};
  const perReplica = (): Record<string, number> => {
    const byPid = prod.postgres.connectionsByPid();
    return Object.fromEntries(
      prod.replicas.map(r => [r.name, r.pid ? byPid.get(r.pid) ?? 0 : 0]),
    );
  };
  const sampler = setInterval(() => {
    for (const [name, n] of Object.entries(perReplica()))
      connections[name] = Math.max(connections[name] ?? 0, n);
  }, 5_000);
  say(`load running (${seconds} s at least); warm-up ${warmupMs} ms`);
  await sleep(warmupMs);
  const rssStart = rss(prod);
  const faults = await runFaults(prod, record, {
    outageMs,
    gapMs: 10_000,
    say,
  });
  const left = seconds * 1000 - (Date.now() - began);
  if (left > 0) {
    say(`faults done; load goes on for ${Math.round(left / 1000)} s`);
    await sleep(left);
  }
  const rssEnd = rss(prod);
  const connectionsEnd = perReplica();
  let byPool: Record<string, number> = {};
  try {
    byPool = prod.postgres.connectionsByApplication();
  } catch {
    // psql missing: per replica only
  }
  await writes.stop();
  const routes = await reads.stop();
  clearInterval(sampler);
  const elapsedS = (Date.now() - began) / 1000;
  const counts = await argocd.counts();
  say("load stopped; checking what the portal holds against the load's record");
  const provisioning = await guard(provisioningCheck(prod, writes.log));
  const audit = await guard(auditCheck(prod, writes.log));
  const tasks = await guard(taskCheck(prod, writes.log));
  const firstInstance = prod.platform.argocd!.instances[0].name;
  const scheduling = schedulingCheck(
    counts,
    elapsedS,
    30,
    prod.replicas.length + 1,
    {
      [firstInstance]: outageMs / 1000,
    },
  );
  const failures = record.failures();
  const pg = record.windows.find(w => w.name === 'postgres-restart');
  const growth = Object.keys(rssStart).map(k =>
    rssStart[k] && rssEnd[k] ? rssEnd[k]! / rssStart[k]! - 1 : 0,
  );
  const goals = {
    zero_failed_outside_faults:
      failures.outside.status5xx + failures.outside.resets === 0,
    zero_failed_rolling_restart:
      failures['rolling-restart'].status5xx +
        failures['rolling-restart'].resets ===
      0,
    postgres_recovered_within_10s: (pg?.recoveredMs ?? Infinity) <= 10_000,
    nothing_lost_or_duplicated:
      (provisioning.lost ?? NaN) +
        (provisioning.duplicated ?? NaN) +
        (audit.events?.lost ?? NaN) +
        (audit.events?.duplicated ?? NaN) ===
      0,
    chain_verifies: audit.chain?.ok === true,
    rss_flat_within_10pct: growth.every(g => g <= 0.1),
  };
  for (const o of record.failuresOutside())
    say(
      `failed outside the faults: ${o.route} ${o.status} at +${
        o.at - began
      } ms`,
    );
  for (const [k, v] of Object.entries(record.clientErrors()))
    say(`4xx: ${k} x${v}`);
  return {
    replicas: prod.replicas.length,
    seconds: Math.round(elapsedS),
    routes,
    writes: {
      provisioning_triggers: writes.log.runs.length,
      dry_runs: writes.log.dryRuns,
      template_runs: tasks,
    },
    failures,
    failure_detail: record.failureDetail(),
    faults,
    scheduling,
    provisioning,
    audit,
    rss_mb: {
      start: rssStart,
      end: rssEnd,
      note: 'every replica restarted during the soak (rolling restart, the SIGKILL): end is of the new processes',
    },
    db_connections: {
      max: connections,
      end: connectionsEnd,
      end_by_pool: byPool,
    },
    goals,
  };
}

async function main() {
  const prod = await startProdLocal({
    replicas: num('REPLICAS', 3),
    log: line => say(line),
  });
  say(
    `prod-local up at ${prod.url}: ${prod.replicas.length} replicas, ${prod.entities} entities`,
  );
  let figures: unknown;
  try {
    figures = await soak(prod);
  } finally {
    await prod.stop();
  }
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().then(
  () => process.exit(0),
  error => {
    process.stderr.write(`[soak] ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
