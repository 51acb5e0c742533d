/*
 * The loopback Git server for the browser journeys (and bench/templates), from
 * scaffolder-backend-module-platform's test utilities: `git http-backend` behind a Node server with
 * its own token issuer.
 *
 * Started by portal.ts as a child process (CommonJS + Backstage's node transform):
 *   node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs e2e/loopback-git.cts
 *
 * - Creates the GitOps repository platform/gitops with a first commit (README, argocd/applications/).
 * - Prints ONE line of JSON on stdout once listening: {"url":"http://127.0.0.1:N","host":"127.0.0.1:N","adminToken":"..."}
 *   portal.ts passes them to the backend as PORTICO_E2E_GIT_* (read by e2e/app-config.e2e.yaml).
 * - Stops (and deletes its repositories) on SIGTERM / SIGINT / stdin closing.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { startLoopbackGitServer } from '@internal/plugin-scaffolder-backend-module-platform/testUtils';

const run = promisify(execFile);

async function seedGitops(url: string, adminToken: string) {
  const dir = mkdtempSync(join(tmpdir(), 'portico-gitops-seed-'));
  const files: Record<string, string> = {
    'README.md':
      '# GitOps repository\n\nOne directory per service under apps/, Argo CD Applications under argocd/applications/.\n',
    'argocd/applications/.gitkeep': '',
  };
  try {
    const git = (...args: string[]) =>
      run('git', args, {
        cwd: dir,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', HOME: dir },
      });
    await git('init', '--quiet', '-b', 'main');
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    await git('add', '-A');
    await git(
      '-c',
      'user.name=Platform team',
      '-c',
      'user.email=platform@portico.example',
      'commit',
      '--quiet',
      '-m',
      'GitOps repository',
    );
    const remote = new URL(`${url}/platform/gitops.git`);
    remote.username = 'portico';
    remote.password = adminToken;
    await git('push', '--quiet', remote.toString(), 'main');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const server = await startLoopbackGitServer();
  await server.createRepository('platform', 'gitops');
  await seedGitops(server.url, server.adminToken);
  process.stdout.write(
    `${JSON.stringify({
      url: server.url,
      host: new URL(server.url).host,
      adminToken: server.adminToken,
    })}\n`,
  );
  const stop = async () => {
    await server.stop().catch(() => {});
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
}

main().catch(error => {
  process.stderr.write(`loopback Git server: ${error?.stack ?? error}\n`);
  process.exit(1);
});
