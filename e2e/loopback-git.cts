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
import { startLoopbackGitServer } from '@internal/plugin-scaffolder-backend-module-platform/testUtils';
import { authedUrl, seedRepo } from '@internal/template-checks';

/** The first commit of platform/gitops: a README and the directory of Argo CD Applications. */
function seedGitops(url: string, adminToken: string) {
  return seedRepo(authedUrl(url, adminToken, 'platform', 'gitops'), {
    'README.md':
      '# GitOps repository\n\nOne directory per service under apps/, Argo CD Applications under argocd/applications/.\n',
    'argocd/applications/.gitkeep': '',
  });
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
