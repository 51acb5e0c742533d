import {
  FakeCommitSpec,
  FakeGithubBases,
  fakeNodeId,
  minimalRepository,
  simpleUser,
} from './githubObjects';

/*
 * Workflow runs, their jobs and code-scanning alerts as api.github.com sends them, for the fake
 * GitHub API (validated in FakeGithub.test.ts against GitHub's OpenAPI description).
 */

/** A fake workflow run; a failed one names the job and step that failed. */
export interface FakeRunSpec {
  id: number;
  workflow: string;
  branch: string;
  commit: FakeCommitSpec;
  status: 'completed' | 'in_progress' | 'queued';
  conclusion?: 'success' | 'failure' | 'cancelled' | 'skipped' | 'neutral';
  startedAt: string;
  /** Seconds from start to the last update. */
  durationSeconds: number;
  event?: string;
  /** For failures: the job and step that failed (others passed). */
  failedJob?: string;
  failedStep?: string;
}

function plus(iso: string, seconds: number) {
  return new Date(Date.parse(iso) + seconds * 1000)
    .toISOString()
    .replace('.000', '');
}

/** GET /repos/{owner}/{repo}/actions/runs item */
export function workflowRun(
  b: FakeGithubBases,
  owner: string,
  repo: string,
  r: FakeRunSpec,
) {
  const api = `${b.api}/repos/${owner}/${repo}`;
  const run = `${api}/actions/runs/${r.id}`;
  const repository = minimalRepository(b, owner, repo);
  return {
    id: r.id,
    name: r.workflow,
    node_id: fakeNodeId('WorkflowRun', r.id),
    check_suite_id: r.id + 1,
    head_branch: r.branch,
    head_sha: r.commit.sha,
    path: `.github/workflows/${r.workflow}.yml`,
    display_title: r.commit.message.split('\n')[0],
    run_number: r.id % 1000,
    run_attempt: 1,
    event: r.event ?? 'push',
    status: r.status,
    conclusion: r.status === 'completed' ? r.conclusion ?? 'success' : null,
    workflow_id: 7,
    url: run,
    html_url: `${b.web}/${owner}/${repo}/actions/runs/${r.id}`,
    pull_requests: [],
    created_at: r.startedAt,
    updated_at: plus(r.startedAt, r.durationSeconds),
    run_started_at: r.startedAt,
    actor: simpleUser(b, r.commit.author),
    triggering_actor: simpleUser(b, r.commit.author),
    jobs_url: `${run}/jobs`,
    logs_url: `${run}/logs`,
    check_suite_url: `${api}/check-suites/${r.id + 1}`,
    artifacts_url: `${run}/artifacts`,
    cancel_url: `${run}/cancel`,
    rerun_url: `${run}/rerun`,
    previous_attempt_url: null,
    workflow_url: `${api}/actions/workflows/7`,
    head_commit: {
      id: r.commit.sha,
      tree_id: r.commit.sha.split('').reverse().join(''),
      message: r.commit.message,
      timestamp: r.commit.time,
      author: {
        name: r.commit.author,
        email: `${r.commit.author}@users.example`,
      },
      committer: {
        name: r.commit.author,
        email: `${r.commit.author}@users.example`,
      },
    },
    repository,
    head_repository: repository,
  };
}

const stepsOf = (r: FakeRunSpec) => [
  'Set up job',
  'Checkout',
  'Install',
  r.failedStep ?? 'Run tests',
  'Upload SARIF',
];

function stepConclusion(failed: boolean, skipped: boolean) {
  if (failed) return 'failure';
  return skipped ? 'skipped' : 'success';
}

/** GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs items: `build`, and the failed job if any. */
export function runJobs(
  b: FakeGithubBases,
  owner: string,
  repo: string,
  r: FakeRunSpec,
) {
  const names = [
    'build',
    ...(r.failedJob && r.failedJob !== 'build' ? [r.failedJob] : []),
  ];
  return names.map((name, i) => {
    const failed =
      r.conclusion === 'failure' && name === (r.failedJob ?? 'build');
    const jobId = r.id * 10 + i;
    const done = r.status === 'completed';
    let broken = false;
    const steps = stepsOf(r).map((step, n) => {
      const fails = failed && step === (r.failedStep ?? 'Run tests');
      const skipped = broken;
      if (fails) broken = true;
      return {
        name: step,
        number: n + 1,
        status: done ? ('completed' as const) : ('in_progress' as const),
        conclusion: done ? stepConclusion(fails, skipped) : null,
        started_at: r.startedAt,
        completed_at: done ? plus(r.startedAt, r.durationSeconds) : null,
      };
    });
    return {
      id: jobId,
      run_id: r.id,
      run_url: `${b.api}/repos/${owner}/${repo}/actions/runs/${r.id}`,
      run_attempt: 1,
      node_id: fakeNodeId('Job', jobId),
      head_sha: r.commit.sha,
      url: `${b.api}/repos/${owner}/${repo}/actions/jobs/${jobId}`,
      html_url: `${b.web}/${owner}/${repo}/actions/runs/${r.id}/job/${jobId}`,
      status: r.status,
      conclusion: done ? stepConclusion(failed, false) : null,
      created_at: r.startedAt,
      started_at: r.startedAt,
      completed_at: done ? plus(r.startedAt, r.durationSeconds) : null,
      name,
      steps,
      check_run_url: `${b.api}/repos/${owner}/${repo}/check-runs/${jobId}`,
      labels: ['ubuntu-latest'],
      runner_id: 1,
      runner_name: 'GitHub Actions 1',
      runner_group_id: 1,
      runner_group_name: 'GitHub Actions',
      workflow_name: r.workflow,
      head_branch: r.branch,
    };
  });
}

/** A fake open code-scanning alert (as a SARIF upload's result ends up). */
export interface FakeAlertSpec {
  number: number;
  ruleId: string;
  description: string;
  /** SARIF level as GitHub reports it. */
  severity: 'error' | 'warning' | 'note';
  securitySeverity?: 'critical' | 'high' | 'medium' | 'low';
  tool: string;
  path: string;
  line: number;
  createdAt: string;
  state?: 'open' | 'dismissed' | 'fixed';
}

/** GET /repos/{owner}/{repo}/code-scanning/alerts item */
export function codeScanningAlert(
  b: FakeGithubBases,
  owner: string,
  repo: string,
  a: FakeAlertSpec,
  branch: string,
) {
  const api = `${b.api}/repos/${owner}/${repo}/code-scanning/alerts/${a.number}`;
  return {
    number: a.number,
    created_at: a.createdAt,
    updated_at: a.createdAt,
    url: api,
    html_url: `${b.web}/${owner}/${repo}/security/code-scanning/${a.number}`,
    instances_url: `${api}/instances`,
    state: a.state ?? 'open',
    fixed_at: null,
    dismissed_by: null,
    dismissed_at: null,
    dismissed_reason: null,
    dismissed_comment: null,
    rule: {
      id: a.ruleId,
      name: a.ruleId,
      severity: a.severity,
      security_severity_level: a.securitySeverity ?? null,
      description: a.description,
      tags: ['security'],
    },
    tool: { name: a.tool, version: '1.0.0', guid: null },
    most_recent_instance: {
      ref: `refs/heads/${branch}`,
      analysis_key: '.github/workflows/ci.yml:build',
      environment: '{}',
      category: '.github/workflows/ci.yml:build',
      state: a.state ?? 'open',
      commit_sha: 'a'.repeat(40),
      message: { text: a.description },
      location: {
        path: a.path,
        start_line: a.line,
        end_line: a.line,
        start_column: 1,
        end_column: 10,
      },
      classifications: [],
    },
  };
}
