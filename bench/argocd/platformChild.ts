/*
 * The benchmark's fake Argo CD in its own process: the local platform's argocd peer
 * (@internal/local-platform) with the bench's workload (workload.ts), so serving
 * 2,000-application lists neither stalls the viewers' clock in the parent nor mixes with the
 * measured backend's CPU. IPC: `ready` with the instances (name, URL, token, application count) and the
 * peer's control server (GET /counts, POST /counts/reset), then `stop`.
 */
import { startLocalPlatform } from '@internal/local-platform';
import { argocdWorkload } from './workload';

async function main() {
  const argocd = argocdWorkload(Number(process.env.BENCH_MUTATE_MS ?? 0));
  const platform = await startLocalPlatform({
    peers: ['argocd'],
    // no peer of this bench calls a portal back
    backendUrl: 'http://127.0.0.1:7007',
    options: { argocd },
    log: () => {},
  });
  const started = platform.argocd!;
  process.on('message', (msg: any) => {
    if (msg?.type === 'stop') platform.stop().finally(() => process.exit(0));
  });
  process.send!({
    type: 'ready',
    control: started.control,
    instances: started.instances.map(i => ({
      name: i.name,
      url: i.url,
      token: i.token,
      apps: argocd.instances!.find(c => c.name === i.name)!.apps.length,
    })),
  });
}

main().catch(e => {
  process.stderr.write(`fake Argo CD failed: ${e?.stack ?? e}\n`);
  process.exit(1);
});
