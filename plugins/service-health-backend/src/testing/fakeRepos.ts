import { FakeCommitSpec, fakeSha } from './githubObjects';
import { FakeAlertSpec, FakeRunSpec } from './githubRunObjects';
import type { FakeRepoSpec } from './FakeGithub';

/** What {@link fakeRepository} makes. */
export interface FakeRepositoryOptions {
  owner: string;
  repo: string;
  defaultBranch?: string;
  /** Commits on the default branch (default 12). */
  commits?: number;
  /** The newest run fails in job `test`, step `Run tests` (default false). */
  failing?: boolean;
  /** Open alerts by security severity (default one high and one medium), or 'disabled'. */
  alerts?:
    | Partial<Record<'critical' | 'high' | 'medium' | 'low', number>>
    | 'disabled';
  /** The newest commit's time (default 2026-12-01T12:00:00Z); one commit per hour before it. */
  newest?: string;
}

const AUTHORS = ['alice', 'bob', 'carol', 'dave'];
const MESSAGES = [
  'Add retry to the payment client',
  'Bump the base image',
  'Fix flaky order test',
  'Expose p99 latency metric',
  'Refactor the settings loader',
  'Handle empty carts',
];

/**
 * A repository with `commits` commits (one per hour), one CI run per commit on the default
 * branch (all passing, the newest failing when `failing`) and open code-scanning alerts.
 */
export function fakeRepository(o: FakeRepositoryOptions): FakeRepoSpec {
  const branch = o.defaultBranch ?? 'main';
  const newest = Date.parse(o.newest ?? '2026-12-01T12:00:00Z');
  const commits: FakeCommitSpec[] = Array.from(
    { length: o.commits ?? 12 },
    (_, i) => ({
      sha: fakeSha(`${o.owner}/${o.repo}#${i}`),
      message: `${MESSAGES[i % MESSAGES.length]}\n\nDetails of change ${i}.`,
      author: AUTHORS[i % AUTHORS.length],
      time: new Date(newest - i * 3600_000).toISOString().replace('.000', ''),
    }),
  );
  const baseId =
    5000 + (parseInt(commits[0].sha.slice(0, 6), 16) % 100000) * 100;
  const runs: FakeRunSpec[] = commits.map((commit, i) => ({
    id: baseId + (commits.length - i),
    workflow: 'ci',
    branch,
    commit,
    status: 'completed',
    conclusion: o.failing && i === 0 ? 'failure' : 'success',
    startedAt: new Date(Date.parse(commit.time) + 60_000)
      .toISOString()
      .replace('.000', ''),
    durationSeconds: 240 + i * 7,
    ...(o.failing && i === 0
      ? { failedJob: 'test', failedStep: 'Run tests' }
      : {}),
  }));
  return {
    owner: o.owner,
    repo: o.repo,
    defaultBranch: branch,
    commits,
    runs,
    alerts:
      o.alerts === 'disabled'
        ? 'disabled'
        : fakeAlerts(o.alerts ?? { high: 1, medium: 1 }),
  };
}

function fakeAlerts(
  counts: Partial<Record<'critical' | 'high' | 'medium' | 'low', number>>,
): FakeAlertSpec[] {
  const alerts: FakeAlertSpec[] = [];
  for (const level of ['critical', 'high', 'medium', 'low'] as const) {
    for (let i = 0; i < (counts[level] ?? 0); i++) {
      alerts.push({
        number: alerts.length + 1,
        ruleId: `js/${level}-finding-${i}`,
        description: `A ${level} severity finding`,
        severity: level === 'low' ? 'warning' : 'error',
        securitySeverity: level,
        tool: 'CodeQL',
        path: `src/module${i}.ts`,
        line: 10 + i,
        createdAt: '2026-11-30T10:00:00Z',
      });
    }
  }
  return alerts;
}
