import type {
  CodeScanning,
  CommitSummary,
  RepositoryData,
  RunFailure,
} from '@internal/plugin-service-health-common';
import type { GithubClient } from '../github/GithubClient';
import {
  alertView,
  countAlerts,
  emptyCounts,
  failureOf,
  runView,
} from './githubViews';

/** The jobs of at most this many failed runs are read per pass (newest first). */
export const MAX_FAILED_RUNS_EXAMINED = 5;

/** Where the stored part of an earlier read is reused (a finished run's failing job does not change). */
export type KnownFailures = ReadonlyMap<number, RunFailure>;

function errorStatus(e: unknown): number | undefined {
  const status = (e as { status?: unknown })?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Reads one repository: the repository (default branch), its last commits, the default branch's
 * recent workflow runs (for failures the failing job and step, from the jobs API, once per run),
 * and the open code-scanning alerts. 4 calls plus one per newly failed run.
 */
export async function readRepository(
  client: GithubClient,
  slug: { owner: string; repo: string },
  limits: { commits: number; runs: number },
  known: KnownFailures,
): Promise<Omit<RepositoryData, 'fetchedAt'>> {
  const { owner, repo } = slug;
  const repository = await client.repository(owner, repo);
  const branch = repository.default_branch;
  const [commits, runs, codeScanning] = await Promise.all([
    client.commits(owner, repo, branch, limits.commits),
    client.runs(owner, repo, branch, limits.runs),
    readCodeScanning(client, owner, repo),
  ]);

  const failures = new Map<number, RunFailure | undefined>();
  let examined = 0;
  for (const run of runs) {
    if (runView(run).state !== 'failure') continue;
    if (known.has(run.id)) {
      failures.set(run.id, known.get(run.id));
    } else if (examined < MAX_FAILED_RUNS_EXAMINED) {
      examined++;
      failures.set(
        run.id,
        failureOf(await client.jobs(owner, repo, run.id), run.html_url),
      );
    }
  }
  const runViews = runs.map(r => runView(r, failures.get(r.id)));

  // the newest run of each commit (runs come newest first)
  const runOfCommit = new Map<string, (typeof runViews)[number]>();
  for (const r of runViews)
    if (!runOfCommit.has(r.headSha)) runOfCommit.set(r.headSha, r);

  const commitViews: CommitSummary[] = commits.map(c => {
    const run = runOfCommit.get(c.sha);
    return {
      sha: c.sha,
      author: c.author?.login ?? c.commit.author?.name ?? 'unknown',
      message: (c.commit.message ?? '').split('\n')[0].slice(0, 300),
      time: c.commit.author?.date ?? c.commit.committer?.date ?? '',
      url: c.html_url,
      ...(run ? { ci: { state: run.state, runId: run.id, url: run.url } } : {}),
    };
  });

  return {
    slug: `${owner}/${repo}`,
    url: repository.html_url,
    defaultBranch: branch,
    commits: commitViews,
    runs: runViews,
    codeScanning,
  };
}

/** Open alerts; 403/404 (code scanning off, no analysis yet) are "unavailable", not a failure. */
async function readCodeScanning(
  client: GithubClient,
  owner: string,
  repo: string,
): Promise<CodeScanning> {
  try {
    const alerts = (await client.openAlerts(owner, repo)).map(alertView);
    return { counts: countAlerts(alerts), alerts };
  } catch (e) {
    const status = errorStatus(e);
    if (status === 403 || status === 404) {
      return {
        counts: emptyCounts(),
        unavailable:
          status === 403
            ? 'Code scanning is not enabled for this repository (or the portal may not read it)'
            : 'No code-scanning analysis has been uploaded yet',
      };
    }
    throw e;
  }
}
