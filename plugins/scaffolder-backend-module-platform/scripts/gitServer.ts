/*
 * Local Git server for `make start`: the loopback server (git http-backend) on the address in
 * app-config.yaml, repositories kept under .cache/portico-git, and the GitOps repository
 * (platform/gitops) created with a README so templates can commit to it.
 *
 *   yarn --cwd plugins/scaffolder-backend-module-platform git-server
 *
 * PORTICO_GIT_PORT (7008) and PORTICO_GIT_ADMIN_TOKEN (the dev value in app-config.yaml) override.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startLoopbackGitServer } from '../src/testing/loopbackGitServer';

const run = promisify(execFile);

async function seedGitops(
  cloneUrl: string,
  adminToken: string,
  bareDir: string,
) {
  if (fs.existsSync(path.join(bareDir, 'HEAD'))) return;
  const dir = await fs.promises.mkdtemp(
    path.join(os.tmpdir(), 'portico-gitops-seed-'),
  );
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Portico',
    GIT_AUTHOR_EMAIL: 'portico@localhost',
    GIT_COMMITTER_NAME: 'Portico',
    GIT_COMMITTER_EMAIL: 'portico@localhost',
  };
  await run('git', ['init', '-q', '-b', 'main', dir]);
  await fs.promises.writeFile(
    path.join(dir, 'README.md'),
    '# GitOps repository\n\nOne directory per service under apps/, Argo CD Applications under argocd/applications/.\n',
  );
  await run('git', ['add', '.'], { cwd: dir, env });
  await run('git', ['commit', '-q', '-m', 'GitOps repository'], {
    cwd: dir,
    env,
  });
  await run(
    'git',
    [
      '-c',
      `http.extraHeader=Authorization: Bearer ${adminToken}`,
      'push',
      '-q',
      cloneUrl,
      'main',
    ],
    { cwd: dir, env },
  );
  await fs.promises.rm(dir, { recursive: true, force: true });
}

async function main() {
  const root = path.resolve(__dirname, '../../../.cache/portico-git');
  const adminToken =
    process.env.PORTICO_GIT_ADMIN_TOKEN ?? 'dev-git-admin-token';
  const server = await startLoopbackGitServer({
    root,
    port: Number(process.env.PORTICO_GIT_PORT ?? 7008),
    adminToken,
  });
  await seedGitops(
    server.cloneUrl('platform', 'gitops'),
    adminToken,
    server.repoDir('platform', 'gitops'),
  );
  process.stdout.write(
    `Portico loopback Git server on ${server.url} (repositories in ${root})\n`,
  );
  const stop = () => server.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(error => {
  process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
