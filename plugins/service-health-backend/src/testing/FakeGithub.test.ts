import { FakeGithub } from './FakeGithub';
import { fakeRepository } from './fakeRepos';
import { assertGithubShape } from './githubOpenApi';

// the first validation reads and compiles GitHub's 13 MB description (seconds on a busy machine)
jest.setTimeout(60_000);

describe('FakeGithub', () => {
  let fake: FakeGithub;
  const validated: string[] = [];
  beforeAll(async () => {
    fake = await FakeGithub.start({
      tokens: ['t0k3n'],
      repos: [
        fakeRepository({ owner: 'acme', repo: 'payments', failing: true }),
        fakeRepository({ owner: 'acme', repo: 'legacy', alerts: 'disabled' }),
      ],
      validate: (op, body) => {
        assertGithubShape(op, body);
        validated.push(op);
      },
    });
  });
  afterAll(() => fake.stop());

  const get = (path: string, token = 't0k3n') =>
    fetch(`${fake.url}${path}`, {
      headers: { authorization: `token ${token}` },
    });

  let lastRun: any;
  let lastAlert: any;
  let lastRepo: any;
  beforeAll(async () => {
    lastRun = (await (await get('/repos/acme/payments/actions/runs')).json())
      .workflow_runs[0];
    lastAlert = (
      await (await get('/repos/acme/payments/code-scanning/alerts')).json()
    )[0];
    lastRepo = await (await get('/repos/acme/payments')).json();
    fake.resetCounts();
    validated.length = 0;
  });
  const fakeRunBody = () => ({ ...lastRun });
  const fakeAlertBody = () => ({ ...lastAlert });

  it('answers every operation the reader calls with bodies that fit GitHub’s description', async () => {
    const repo = await (await get('/repos/acme/payments')).json();
    expect(repo.default_branch).toBe('main');
    const commits = await (
      await get('/repos/acme/payments/commits?sha=main&per_page=5')
    ).json();
    expect(commits).toHaveLength(5);
    const runs = await (
      await get('/repos/acme/payments/actions/runs?branch=main&per_page=3')
    ).json();
    expect(runs.workflow_runs[0].conclusion).toBe('failure');
    const jobs = await (
      await get(
        `/repos/acme/payments/actions/runs/${runs.workflow_runs[0].id}/jobs`,
      )
    ).json();
    const failed = jobs.jobs.find((j: any) => j.conclusion === 'failure');
    expect(failed.name).toBe('test');
    expect(failed.steps.find((s: any) => s.conclusion === 'failure').name).toBe(
      'Run tests',
    );
    const alerts = await (
      await get(
        '/repos/acme/payments/code-scanning/alerts?state=open&per_page=1',
      )
    ).json();
    expect(alerts).toHaveLength(1);
    expect(validated).toEqual([
      'GET /repos/{owner}/{repo}',
      'GET /repos/{owner}/{repo}/commits',
      'GET /repos/{owner}/{repo}/actions/runs',
      'GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs',
      'GET /repos/{owner}/{repo}/code-scanning/alerts',
    ]);
  });

  it('pages code-scanning alerts with a Link header', async () => {
    const res = await get(
      '/repos/acme/payments/code-scanning/alerts?state=open&per_page=1',
    );
    expect(res.headers.get('link')).toContain('page=2>; rel="next"');
  });

  it('refuses bad credentials, unknown repositories and code scanning without GHAS as GitHub does', async () => {
    expect((await get('/repos/acme/payments', 'wrong')).status).toBe(401);
    expect((await get('/repos/acme/nope')).status).toBe(404);
    const res = await get('/repos/acme/legacy/code-scanning/alerts');
    expect(res.status).toBe(403);
    expect((await res.json()).message).toMatch(/Advanced Security/);
  });

  it('counts calls per operation', () => {
    expect(fake.counts['GET /repos/{owner}/{repo}/commits']).toBe(1);
    expect(fake.total).toBeGreaterThanOrEqual(9);
  });

  it('has a validator that rejects a field GitHub does not send', () => {
    const run = { ...fakeRunBody(), invented_field: true };
    expect(() =>
      assertGithubShape('GET /repos/{owner}/{repo}/actions/runs', {
        total_count: 1,
        workflow_runs: [run],
      }),
    ).toThrow(/invented_field/);
    const alert = {
      ...fakeAlertBody(),
      rule: { ...fakeAlertBody().rule, cvss: 9 },
    };
    expect(() =>
      assertGithubShape('GET /repos/{owner}/{repo}/code-scanning/alerts', [
        alert,
      ]),
    ).toThrow(/cvss/);
  });

  it('has a validator that rejects a missing required field and a wrong type', () => {
    const { head_sha: _omit, ...run } = fakeRunBody();
    expect(() =>
      assertGithubShape('GET /repos/{owner}/{repo}/actions/runs', {
        total_count: 1,
        workflow_runs: [run],
      }),
    ).toThrow(/head_sha/);
    expect(() =>
      assertGithubShape('full-repository', { ...lastRepo, default_branch: 7 }),
    ).toThrow(/default_branch/);
  });
});
