/*
 * The templates bench (see run.sh). Uses the same harness as the integration tests
 * (packages/template-checks): a test backend as the user bob of payments-team, publishing to the
 * local platform's git peer (@internal/local-platform, startLocalPlatform with peers ['git']:
 * the loopback Git server with platform/gitops seeded, as make start has it).
 */
import { performance } from 'node:perf_hooks';
import { startLocalPlatform } from '@internal/local-platform';
import { startTemplateHarness } from '@internal/template-checks/testUtils';
import { median } from '../lib/stats';

const RUNS = Number(process.env.BENCH_TEMPLATES_RUNS ?? 5);
const USER = 'user:default/bob';

const round = (x: number) => Math.round(x);

async function main() {
  const t0 = performance.now();
  const platform = await startLocalPlatform({
    peers: ['git'],
    // the git peer calls nothing back; the harness's backend has its own address
    backendUrl: 'http://localhost:7007',
  });
  const git = platform.git;
  if (!git) throw new Error('no git peer');
  const h = await startTemplateHarness({ git }).catch(async error => {
    await platform.stop();
    throw error;
  });
  try {
    await h.waitForEntity(USER, 'template:default/new-service', 120_000);
    const startMs = performance.now() - t0;
    console.log(
      `backend + catalog + loopback Git server ready in ${round(startMs)} ms`,
    );

    const values = (name: string) => ({
      name,
      owner: 'group:default/payments-team',
      description: 'Bench service',
      language: 'go',
      traffic: 'medium',
      storage: 'postgresql',
      extraSecrets: [
        { secretKey: 'STRIPE_API_KEY', remoteKey: 'teams/payments/stripe' },
      ],
      repoOwner: 'bench',
      repoHost: h.gitHost,
    });

    const dryRun = async (name: string) => {
      const t = performance.now();
      const res = await h.dryRun(USER, 'new-service', values(name));
      const ms = performance.now() - t;
      if (res.status !== 200)
        throw new Error(
          `dry-run answered ${res.status}: ${JSON.stringify(res.body).slice(
            0,
            500,
          )}`,
        );
      return ms;
    };
    const realRun = async (name: string) => {
      const t = performance.now();
      const result = await h.run(USER, 'new-service', values(name));
      const ms = performance.now() - t;
      if (result.status !== 'completed')
        throw new Error(`run ${name} ${result.status}: ${result.error}`);
      return ms;
    };

    // One warm-up of each (first template fetch, first git processes, JIT).
    const warmDry = await dryRun('bench-warm');
    const warmRun = await realRun('bench-warm');
    console.log(
      `warm-up: dry-run ${round(warmDry)} ms, run ${round(warmRun)} ms`,
    );

    const dry: number[] = [];
    const real: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      dry.push(await dryRun(`bench-${i}`));
      real.push(await realRun(`bench-${i}`));
      console.log(
        `run ${i + 1}/${RUNS}: dry-run ${round(dry[i])} ms, run ${round(
          real[i],
        )} ms`,
      );
    }
    // Re-running an existing service: no new commit, no new repository (idempotency path).
    const rerun = await realRun('bench-0');
    console.log(
      `re-run of an existing service (no changes pushed): ${round(rerun)} ms`,
    );

    const result = {
      runs: RUNS,
      dry_run_ms: round(median(dry)),
      dry_run_max_ms: round(Math.max(...dry)),
      run_ms: round(median(real)),
      run_max_ms: round(Math.max(...real)),
      rerun_ms: round(rerun),
      startup_ms: round(startMs),
    };
    console.log(
      `New service (Go, medium traffic, PostgreSQL, 1 extra secret), median of ${RUNS}:`,
    );
    console.log(
      `  dry-run  ${result.dry_run_ms} ms (max ${result.dry_run_max_ms})`,
    );
    console.log(`  real run ${result.run_ms} ms (max ${result.run_max_ms})`);
    console.log(JSON.stringify(result));
  } finally {
    await h.stop();
    await platform.stop();
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
