import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  FakeGithub,
  fakeRepository,
} from '@internal/plugin-service-health-backend/testUtils';
import type { PeerStarter } from '../types';
import { findRepoRoot } from './argocd/catalogApps';
import { catalogRepos } from './github/catalogRepos';

/** The organization the local portal reads (the example catalog's repositories are in it). */
export const LOCAL_GITHUB_ORGANIZATION = 'acme';

/**
 * A GitHub REST API stand-in (service-health-backend's FakeGithub, validated against GitHub's
 * OpenAPI description in that package's tests) serving a repository for every example component
 * with a `github.com/project-slug` annotation: a dozen commits of the last hours, one CI run each
 * (every third repository's newest run failing in job `test`, step `Run tests`) and open
 * code-scanning alerts. The portal reads it as serviceHealth.github with a random token.
 */
export const startGithubPeer: PeerStarter<{
  url: string;
  token: string;
}> = async context => {
  const token = randomBytes(24).toString('base64url');
  const repos = catalogRepos(join(findRepoRoot(), 'catalog'));
  const newest = new Date(Date.now() - 20 * 60_000).toISOString();
  const github = await FakeGithub.start({
    tokens: [token],
    repos: repos.map((r, i) =>
      fakeRepository({
        ...r,
        newest,
        failing: i % 3 === 1,
        alerts:
          i % 4 === 3
            ? 'disabled'
            : { critical: i % 2, high: (i % 3) + 1, medium: 2, low: i % 2 },
      }),
    ),
  });
  context.log(`GitHub stand-in: ${github.url} (${repos.length} repositories)`);
  return {
    description: { url: github.url, token },
    config: {
      serviceHealth: {
        github: {
          apiBaseUrl: github.url,
          organizations: [LOCAL_GITHUB_ORGANIZATION],
          token,
          frequency: { minutes: 1 },
        },
      },
    },
    stop: () => github.stop(),
  };
};
