/*
 * The soak's faults, in the order, each as a window of the record: a rolling restart of
 * every replica (SIGTERM, wait until ready, next), a PostgreSQL restart (and how long until the
 * portal answers again), an Argo CD instance outage, a Prometheus outage (its process stopped
 * with SIGSTOP, then SIGCONT: it answers nothing meanwhile), a webhook (Argo Events) outage, and
 * one replica SIGKILLed with requests in flight (then started again).
 */
import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { argocdControl, argoEventsControl } from '@internal/local-platform';
import type { ProdLocal } from '@internal/local-platform/prod';
import type { SoakRecord } from './record';

export interface FaultFigures {
  rolling: { replica: string; stop_ms: number; ready_ms: number }[];
  postgres_recovered_ms?: number;
  killed?: string;
}

/** The pid listening on `port` (ss -ltnp), for the Prometheus outage. */
function listenerPid(port: number): number | undefined {
  const ss = spawnSync('ss', ['-Hltnp', `sport = :${port}`], {
    encoding: 'utf8',
  });
  const m = /pid=(\d+)/.exec(ss.stdout ?? '');
  return m ? Number(m[1]) : undefined;
}

/** Until a catalog read through the balancer answers 200 (the database is back). */
async function untilAnswers(prod: ProdLocal, began: number): Promise<number> {
  const token = prod.sessions[0].token;
  for (;;) {
    try {
      const res = await fetch(
        `${prod.url}/api/catalog/entities/by-name/component/default/payments-api`,
        {
          headers: { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(5_000),
        },
      );
      if (res.ok) return Date.now() - began;
    } catch {
      // not yet
    }
    await sleep(100);
  }
}

export async function runFaults(
  prod: ProdLocal,
  record: SoakRecord,
  opts: { outageMs: number; gapMs: number; say: (line: string) => void },
): Promise<FaultFigures> {
  const { outageMs, gapMs, say } = opts;
  const figures: FaultFigures = { rolling: [] };
  const argocd = argocdControl(prod.platform.argocd!.control);
  const webhook = argoEventsControl(prod.platform.argoEvents!.control!);

  await record.window('rolling-restart', async () => {
    for (const r of prod.replicas) {
      const stopMs = await r.stop();
      r.start();
      const readyMs = await r.waitReady();
      // the balancer takes it back after two good checks (500 ms apart)
      await sleep(1_500);
      figures.rolling.push({
        replica: r.name,
        stop_ms: stopMs,
        ready_ms: readyMs,
      });
      say(
        `rolling restart: ${r.name} stopped in ${stopMs} ms, ready after ${readyMs} ms`,
      );
    }
  });
  await sleep(gapMs);

  await record.window(
    'postgres-restart',
    async w => {
      const began = Date.now();
      await prod.postgres.restart();
      figures.postgres_recovered_ms = await untilAnswers(prod, began);
      w.recoveredMs = figures.postgres_recovered_ms;
      say(
        `PostgreSQL restarted; the portal answered again after ${figures.postgres_recovered_ms} ms`,
      );
    },
    5_000,
  );
  await sleep(gapMs);

  const instance = prod.platform.argocd!.instances[0].name;
  await record.window(`argocd-outage`, async () => {
    await argocd.fault(instance, { kind: 'down' });
    await sleep(outageMs);
    await argocd.fault(instance, { kind: 'none' });
    say(`Argo CD ${instance} was down for ${outageMs} ms`);
  });
  await sleep(gapMs);

  await record.window(
    'prometheus-outage',
    async () => {
      const port = Number(
        new URL(prod.platform.observability!.prometheusUrl).port,
      );
      const pid = listenerPid(port);
      if (!pid)
        throw new Error(`no process listens on Prometheus's port ${port}`);
      process.kill(pid, 'SIGSTOP');
      try {
        await sleep(outageMs);
      } finally {
        process.kill(pid, 'SIGCONT');
      }
      say(`Prometheus (pid ${pid}) answered nothing for ${outageMs} ms`);
    },
    12_000,
  );
  await sleep(gapMs);

  await record.window('webhook-outage', async () => {
    await webhook.outage();
    await sleep(outageMs);
    await webhook.recover();
    say(`the Argo Events webhook refused connections for ${outageMs} ms`);
  });
  await sleep(gapMs);

  await record.window('replica-sigkill', async () => {
    const victim = prod.replicas[prod.replicas.length - 1];
    await victim.kill();
    figures.killed = victim.name;
    say(`${victim.name} SIGKILLed; starting it again`);
    victim.start();
    await victim.waitReady();
    await sleep(1_500);
  });
  return figures;
}
