/*
 * The fake Argo CD instances of the benchmark, in their own process, so serving 2,000-application
 * lists does not stall the viewers' clock in the parent. IPC: `ready` (with the URLs), `counts`
 * (requests per instance and route since the last `reset`), `reset`.
 */
import { FakeArgoCd } from '@internal/plugin-argocd-backend/testUtils';

function pad(i: number) {
  return String(i).padStart(4, '0');
}

async function main() {
  const users = { portico: 'bench-password' };
  const latency = { baseMs: 2, perItemMs: 0.002 };
  const svc = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      name: `svc-${pad(i)}`,
      labels: {
        'app.kubernetes.io/part-of': `svc-${pad(i)}`,
        team: `team-${i % 20}`,
      },
      historyLength: 3 + (i % 5),
    }));
  const filler = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      name: `${prefix}-${pad(i)}`,
      labels: { team: 'batch' },
    }));
  const fakes: Record<string, FakeArgoCd> = {
    prod: await FakeArgoCd.start({
      users,
      latency,
      apps: [...svc(1000), ...filler('batch-prod', 1000)],
    }),
    staging: await FakeArgoCd.start({
      users,
      latency,
      apps: [...svc(1000), ...filler('batch-stg', 1000)],
    }),
    dr: await FakeArgoCd.start({
      users,
      latency,
      apps: [...svc(500), ...filler('batch-dr', 500)],
    }),
  };
  // Applications change while the benchmark runs: one per instance every BENCH_MUTATE_MS.
  const mutateMs = Number(process.env.BENCH_MUTATE_MS ?? 0);
  let tick = 0;
  if (mutateMs > 0) {
    setInterval(() => {
      tick++;
      for (const f of Object.values(fakes)) {
        const app = f.apps.get(`argocd/svc-${pad((tick * 37) % 500)}`);
        if (app) {
          app.status.health.status =
            app.status.health.status === 'Healthy' ? 'Progressing' : 'Healthy';
        }
      }
    }, mutateMs).unref();
  }
  process.on('message', (msg: any) => {
    if (msg?.type === 'counts') {
      process.send!({
        type: 'counts',
        counts: Object.fromEntries(
          Object.entries(fakes).map(([n, f]) => [n, { ...f.counts }]),
        ),
      });
    } else if (msg?.type === 'reset') {
      for (const f of Object.values(fakes)) f.resetCounts();
      process.send!({ type: 'reset' });
    } else if (msg?.type === 'stop') {
      Promise.all(Object.values(fakes).map(f => f.close())).finally(() =>
        process.exit(0),
      );
    }
  });
  process.send!({
    type: 'ready',
    instances: Object.entries(fakes).map(([name, f]) => ({
      name,
      url: f.url,
      apps: f.apps.size,
    })),
  });
}

main().catch(e => {
  process.stderr.write(`fake Argo CD failed: ${e?.stack ?? e}\n`);
  process.exit(1);
});
