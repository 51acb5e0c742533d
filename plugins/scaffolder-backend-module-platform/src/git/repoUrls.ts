import { GitSettings } from '../settings';
import { RepoCoordinates } from '../validation/fields';

/** Clone URL of a repository on the configured Git server. */
export function cloneUrlOf(
  git: GitSettings | undefined,
  repo: RepoCoordinates,
): string {
  if (git?.provider === 'loopback') {
    return `${git.baseUrl}/${repo.owner}/${repo.repo}.git`;
  }
  return `https://${repo.host}/${repo.owner}/${repo.repo}.git`;
}

/** Browser/raw base URL of a branch's contents. */
export function contentsUrlOf(
  git: GitSettings | undefined,
  repo: RepoCoordinates,
  branch: string,
): string {
  if (git?.provider === 'loopback') {
    return `${git.baseUrl}/${repo.owner}/${repo.repo}/raw/${branch}`;
  }
  return `https://${repo.host}/${repo.owner}/${repo.repo}/tree/${branch}`;
}

/** Browser URL of a commit, when the server has pages for commits. */
export function commitUrlOf(
  git: GitSettings | undefined,
  repo: RepoCoordinates,
  sha: string,
): string | undefined {
  if (git?.provider === 'github') {
    return `https://${repo.host}/${repo.owner}/${repo.repo}/commit/${sha}`;
  }
  return undefined;
}

/** Raw URL of one file (what the catalog reads). */
export function fileUrlOf(
  git: GitSettings | undefined,
  repo: RepoCoordinates,
  branch: string,
  path: string,
): string {
  if (git?.provider === 'loopback') {
    return `${contentsUrlOf(git, repo, branch)}/${path}`;
  }
  return `https://${repo.host}/${repo.owner}/${repo.repo}/blob/${branch}/${path}`;
}
