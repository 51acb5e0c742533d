import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';
import type { GithubSourceConfig } from '../config/readGithubConfig';

/*
 * The GitHub REST calls of the source reader, through Octokit: a GitHub App installation in
 * production (@octokit/auth-app mints and renews installation tokens), a token locally and in
 * tests. Read-only calls only.
 */

export type GithubRepo = Awaited<ReturnType<Octokit['repos']['get']>>['data'];
export type GithubCommit = Awaited<
  ReturnType<Octokit['repos']['listCommits']>
>['data'][number];
export type GithubRun = Awaited<
  ReturnType<Octokit['actions']['listWorkflowRunsForRepo']>
>['data']['workflow_runs'][number];
export type GithubJob = Awaited<
  ReturnType<Octokit['actions']['listJobsForWorkflowRun']>
>['data']['jobs'][number];
type OctokitAlert = Awaited<
  ReturnType<Octokit['codeScanning']['listAlertsForRepo']>
>['data'][number];
/** An alert as GitHub sends it today (Octokit 19's types predate `security_severity_level`). */
export type GithubAlert = OctokitAlert & {
  rule: OctokitAlert['rule'] & {
    security_severity_level?: 'low' | 'medium' | 'high' | 'critical' | null;
  };
};

/** At most this many pages of 100 alerts are read per repository. */
export const MAX_ALERT_PAGES = 10;

export class GithubClient {
  private readonly octokit: Octokit;

  constructor(config: GithubSourceConfig) {
    const common = {
      baseUrl: config.apiBaseUrl,
      userAgent: 'portico-service-health',
      request: { timeout: config.requestTimeoutMs },
      // Octokit logs warnings with request details; the reader reports errors itself
      log: { debug() {}, info() {}, warn() {}, error() {} },
    };
    this.octokit =
      config.auth.kind === 'app'
        ? new Octokit({
            ...common,
            authStrategy: createAppAuth,
            auth: {
              appId: config.auth.appId,
              privateKey: config.auth.privateKey,
              installationId: config.auth.installationId,
            },
          })
        : new Octokit({ ...common, auth: config.auth.token });
  }

  async repository(owner: string, repo: string): Promise<GithubRepo> {
    return (await this.octokit.repos.get({ owner, repo })).data;
  }

  async commits(
    owner: string,
    repo: string,
    branch: string,
    count: number,
  ): Promise<GithubCommit[]> {
    return (
      await this.octokit.repos.listCommits({
        owner,
        repo,
        sha: branch,
        per_page: count,
      })
    ).data;
  }

  async runs(
    owner: string,
    repo: string,
    branch: string,
    count: number,
  ): Promise<GithubRun[]> {
    const res = await this.octokit.actions.listWorkflowRunsForRepo({
      owner,
      repo,
      branch,
      per_page: count,
    });
    return res.data.workflow_runs;
  }

  async jobs(owner: string, repo: string, runId: number): Promise<GithubJob[]> {
    const res = await this.octokit.actions.listJobsForWorkflowRun({
      owner,
      repo,
      run_id: runId,
      filter: 'latest',
      per_page: 100,
    });
    return res.data.jobs;
  }

  /** Open alerts, up to MAX_ALERT_PAGES pages of 100. */
  async openAlerts(owner: string, repo: string): Promise<GithubAlert[]> {
    const alerts: GithubAlert[] = [];
    for (let page = 1; page <= MAX_ALERT_PAGES; page++) {
      const res = await this.octokit.codeScanning.listAlertsForRepo({
        owner,
        repo,
        state: 'open',
        per_page: 100,
        page,
      });
      alerts.push(...(res.data as GithubAlert[]));
      if (res.data.length < 100) break;
    }
    return alerts;
  }
}
