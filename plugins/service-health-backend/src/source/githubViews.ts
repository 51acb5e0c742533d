import type {
  AlertCounts,
  CiState,
  CodeScanningAlert,
  RunFailure,
  WorkflowRun,
} from '@internal/plugin-service-health-common';
import type { GithubAlert, GithubJob, GithubRun } from '../github/GithubClient';

/* GitHub's objects reduced to what the service-health API stores and serves. */

export function ciState(
  status?: string | null,
  conclusion?: string | null,
): CiState {
  if (
    status === 'queued' ||
    status === 'waiting' ||
    status === 'pending' ||
    status === 'requested'
  )
    return 'queued';
  if (status && status !== 'completed') return 'running';
  switch (conclusion) {
    case 'success':
      return 'success';
    case 'failure':
    case 'timed_out':
    case 'startup_failure':
    case 'action_required':
      return 'failure';
    case 'cancelled':
      return 'cancelled';
    case 'skipped':
      return 'skipped';
    default:
      return 'neutral';
  }
}

const firstLine = (text: string | undefined | null) =>
  (text ?? '').split('\n')[0].slice(0, 300);

export function runView(run: GithubRun, failure?: RunFailure): WorkflowRun {
  const state = ciState(run.status, run.conclusion);
  const startedAt = run.run_started_at ?? run.created_at;
  const finished = run.status === 'completed';
  return {
    id: run.id,
    name: run.name ?? run.path,
    runNumber: run.run_number,
    event: run.event,
    branch: run.head_branch ?? undefined,
    headSha: run.head_sha,
    title: firstLine(run.display_title ?? run.head_commit?.message),
    state,
    status: run.status ?? undefined,
    conclusion: run.conclusion ?? undefined,
    startedAt,
    updatedAt: run.updated_at,
    durationSeconds: finished
      ? Math.max(
          0,
          Math.round(
            (Date.parse(run.updated_at) - Date.parse(startedAt)) / 1000,
          ),
        )
      : undefined,
    url: run.html_url,
    ...(failure ? { failure } : {}),
  };
}

/** The first failed job of a run and its first failed step, with the job's page (its log). */
export function failureOf(
  jobs: GithubJob[],
  runUrl: string,
): RunFailure | undefined {
  const job = jobs.find(j => ciState(j.status, j.conclusion) === 'failure');
  if (!job) return undefined;
  const step = job.steps?.find(
    s => ciState(s.status, s.conclusion) === 'failure',
  );
  return {
    job: job.name,
    ...(step ? { step: step.name } : {}),
    logUrl: job.html_url ?? runUrl,
  };
}

export function emptyCounts(): AlertCounts {
  return { critical: 0, high: 0, medium: 0, low: 0, other: 0, total: 0 };
}

/** The alert's security severity (critical..low) or, for non-security tools, its SARIF level. */
export function alertSeverity(alert: GithubAlert): string {
  return alert.rule.security_severity_level ?? alert.rule.severity ?? 'none';
}

export function countAlerts(alerts: CodeScanningAlert[]): AlertCounts {
  const counts = emptyCounts();
  for (const a of alerts) {
    if (
      a.severity === 'critical' ||
      a.severity === 'high' ||
      a.severity === 'medium' ||
      a.severity === 'low'
    ) {
      counts[a.severity]++;
    } else {
      counts.other++;
    }
    counts.total++;
  }
  return counts;
}

export function alertView(alert: GithubAlert): CodeScanningAlert {
  const location = alert.most_recent_instance?.location;
  return {
    number: alert.number,
    rule: alert.rule.id ?? alert.rule.name ?? 'unknown',
    description: firstLine(
      alert.rule.description ?? alert.most_recent_instance?.message?.text,
    ),
    severity: alertSeverity(alert),
    tool: alert.tool.name ?? 'unknown',
    ...(location?.path ? { path: location.path } : {}),
    ...(location?.start_line ? { line: location.start_line } : {}),
    url: alert.html_url,
    createdAt: alert.created_at,
  };
}
