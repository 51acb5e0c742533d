import { startLoopbackGitServer } from '@internal/plugin-scaffolder-backend-module-platform/testUtils';
import { authedUrl, seedRepo } from '@internal/template-checks';
import { LOCAL_PORTS } from '../ports';
import type { PeerStarter } from '../types';

/** The GitOps repository templates commit to (portico.scaffolder.gitops.repoUrl). */
export const GITOPS_REPO = { owner: 'platform', repo: 'gitops' } as const;

/** The first commit of platform/gitops: a README and the directory of Argo CD Applications. */
const GITOPS_FILES = {
  'README.md':
    '# GitOps repository\n\nOne directory per service under apps/, Argo CD Applications under argocd/applications/.\n',
  'argocd/applications/.gitkeep': '',
};

/**
 * The loopback Git server (git http-backend behind a Node server with its own token issuer, from
 * scaffolder-backend-module-platform's testUtils) with platform/gitops seeded. Repositories live
 * in a temporary directory removed on stop; the admin token is random per start.
 */
export const startGitPeer: PeerStarter<{
  url: string;
  host: string;
  adminToken: string;
}> = async context => {
  const server = await startLoopbackGitServer({
    port: context.ports === 'fixed' ? LOCAL_PORTS.git : 0,
  });
  try {
    await server.createRepository(GITOPS_REPO.owner, GITOPS_REPO.repo);
    await seedRepo(
      authedUrl(
        server.url,
        server.adminToken,
        GITOPS_REPO.owner,
        GITOPS_REPO.repo,
      ),
      GITOPS_FILES,
    );
  } catch (error) {
    await server.stop();
    throw error;
  }
  context.log(`Git: loopback Git server on ${server.url} (platform/gitops)`);
  return {
    description: {
      url: server.url,
      host: server.host,
      adminToken: server.adminToken,
    },
    config: {
      backend: { reading: { allow: [{ host: server.host }] } },
      portico: {
        scaffolder: {
          git: {
            provider: 'loopback',
            baseUrl: server.url,
            loopback: { adminToken: server.adminToken },
          },
          gitops: {
            repoUrl: `${server.host}?owner=${GITOPS_REPO.owner}&repo=${GITOPS_REPO.repo}`,
          },
        },
      },
    },
    stop: () => server.stop(),
  };
};
