import http from 'node:http';
import { AddressInfo } from 'node:net';
import { createVerify, randomBytes } from 'node:crypto';
import {
  FakeCommitSpec,
  fakeNodeId,
  commitItem,
  fullRepository,
} from './githubObjects';
import {
  FakeAlertSpec,
  FakeRunSpec,
  codeScanningAlert,
  runJobs,
  workflowRun,
} from './githubRunObjects';

/*
 * A fake GitHub REST API (api.github.com shapes) for the calls the service-health reader makes:
 * a repository, its commits, workflow runs and their jobs, code-scanning alerts, and a GitHub
 * App's installation token. Every answer can be checked by `validate` (tests pass the OpenAPI
 * validators of githubOpenApi.ts); every call is counted per operation.
 */

/** One repository the fake serves. `alerts: 'disabled'` answers 403 as GitHub does without GHAS. */
export interface FakeRepoSpec {
  owner: string;
  repo: string;
  defaultBranch: string;
  /** Newest first, on the default branch. */
  commits: FakeCommitSpec[];
  /** Newest first. */
  runs: FakeRunSpec[];
  alerts: FakeAlertSpec[] | 'disabled';
}

export interface FakeGithubOptions {
  /** Tokens accepted as `Authorization: token <t>` / `Bearer <t>`. */
  tokens?: string[];
  /** A GitHub App the fake accepts JWTs of (RS256, `iss` = appId), and its installation. */
  app?: { appId: string; publicKeyPem: string; installationId: number };
  repos?: FakeRepoSpec[];
  /** Base of html_url links (default: the fake's own URL). */
  webBaseUrl?: string;
  /** Called with the operation (`GET /repos/{owner}/{repo}`) and every JSON body it answers. */
  validate?: (operation: string, body: unknown) => void;
  port?: number;
}

type Reply = {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
};

const PER_PAGE_MAX = 100;

export class FakeGithub {
  readonly repos = new Map<string, FakeRepoSpec>();
  /** Calls per operation, e.g. counts['GET /repos/{owner}/{repo}/commits']. */
  readonly counts: Record<string, number> = {};
  /** Every `Authorization` header seen (to check which credentials were used). */
  readonly authorizations: string[] = [];
  private readonly issued = new Set<string>();
  private outageStatus?: number;

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    private readonly options: FakeGithubOptions,
  ) {
    for (const r of options.repos ?? []) this.setRepo(r);
  }

  static async start(options: FakeGithubOptions = {}): Promise<FakeGithub> {
    const holder: { fake?: FakeGithub } = {};
    const server = http.createServer((req, res) =>
      holder.fake!.handle(req, res),
    );
    await new Promise<void>(resolve =>
      server.listen(options.port ?? 0, '127.0.0.1', resolve),
    );
    const { port } = server.address() as AddressInfo;
    holder.fake = new FakeGithub(server, `http://127.0.0.1:${port}`, options);
    return holder.fake;
  }

  /** Adds or replaces a repository. */
  setRepo(spec: FakeRepoSpec) {
    this.repos.set(`${spec.owner}/${spec.repo}`.toLowerCase(), spec);
  }

  /** All calls so far. */
  get total(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }

  resetCounts() {
    for (const k of Object.keys(this.counts)) delete this.counts[k];
  }

  /** Every request answers `status` until recover(). */
  outage(status = 502) {
    this.outageStatus = status;
  }

  recover() {
    this.outageStatus = undefined;
  }

  async stop() {
    this.server.closeAllConnections?.();
    await new Promise<void>(resolve => this.server.close(() => resolve()));
  }

  private get bases() {
    return { api: this.url, web: this.options.webBaseUrl ?? this.url };
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', this.url);
    const [operation, reply] = this.route(req, url);
    this.counts[operation] = (this.counts[operation] ?? 0) + 1;
    if (reply.status < 300) this.options.validate?.(operation, reply.body);
    res.writeHead(reply.status, {
      'content-type': 'application/json; charset=utf-8',
      ...reply.headers,
    });
    res.end(JSON.stringify(reply.body));
  }

  private route(req: http.IncomingMessage, url: URL): [string, Reply] {
    const p = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const method = req.method ?? 'GET';
    const auth = req.headers.authorization ?? '';
    this.authorizations.push(auth);
    if (method === 'POST' && p[0] === 'app' && p[3] === 'access_tokens') {
      return [
        'POST /app/installations/{installation_id}/access_tokens',
        this.installationToken(auth, Number(p[2])),
      ];
    }
    if (method !== 'GET' || p[0] !== 'repos' || p.length < 3) {
      return [`${method} ${url.pathname}`, notFound()];
    }
    const op = `GET /repos/{owner}/{repo}${templateOf(p.slice(3))}`;
    if (this.outageStatus)
      return [
        op,
        { status: this.outageStatus, body: { message: 'Server Error' } },
      ];
    const token = auth.replace(/^(token|bearer) /i, '');
    if (!this.options.tokens?.includes(token) && !this.issued.has(token)) {
      return [
        op,
        {
          status: 401,
          body: {
            message: 'Bad credentials',
            documentation_url: 'https://docs.github.com/rest',
            status: '401',
          },
        },
      ];
    }
    const spec = this.repos.get(`${p[1]}/${p[2]}`.toLowerCase());
    if (!spec) return [op, notFound()];
    const [owner, repo] = [spec.owner, spec.repo];
    const b = this.bases;
    const perPage = Math.min(
      Number(url.searchParams.get('per_page') ?? 30),
      PER_PAGE_MAX,
    );
    const page = Math.max(Number(url.searchParams.get('page') ?? 1), 1);
    const slice = <T>(items: T[]) =>
      items.slice((page - 1) * perPage, page * perPage);
    switch (op) {
      case 'GET /repos/{owner}/{repo}':
        return [op, ok(fullRepository(b, owner, repo, spec.defaultBranch))];
      case 'GET /repos/{owner}/{repo}/commits': {
        const sha = url.searchParams.get('sha') ?? spec.defaultBranch;
        const items = sha === spec.defaultBranch ? spec.commits : [];
        return [
          op,
          ok(
            slice(items).map((c, i) =>
              commitItem(b, owner, repo, c, items[i + 1]?.sha),
            ),
          ),
        ];
      }
      case 'GET /repos/{owner}/{repo}/actions/runs': {
        const branch = url.searchParams.get('branch');
        const runs = spec.runs.filter(r => !branch || r.branch === branch);
        return [
          op,
          ok({
            total_count: runs.length,
            workflow_runs: slice(runs).map(r => workflowRun(b, owner, repo, r)),
          }),
        ];
      }
      case 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs': {
        const run = spec.runs.find(r => String(r.id) === p[5]);
        if (!run) return [op, notFound()];
        const jobs = runJobs(b, owner, repo, run);
        return [op, ok({ total_count: jobs.length, jobs })];
      }
      case 'GET /repos/{owner}/{repo}/code-scanning/alerts': {
        if (spec.alerts === 'disabled') {
          return [
            op,
            {
              status: 403,
              body: {
                message:
                  'Advanced Security must be enabled for this repository to use code scanning.',
                documentation_url:
                  'https://docs.github.com/rest/code-scanning/code-scanning#list-code-scanning-alerts-for-a-repository',
                status: '403',
              },
            },
          ];
        }
        const state = url.searchParams.get('state');
        const alerts = spec.alerts.filter(
          a => !state || (a.state ?? 'open') === state,
        );
        const pageItems = slice(alerts);
        const last = Math.max(1, Math.ceil(alerts.length / perPage));
        const headers: Record<string, string> = {};
        if (page < last) {
          const next = new URL(url);
          next.searchParams.set('page', String(page + 1));
          headers.link = `<${next}>; rel="next", <${next.origin}${next.pathname}?per_page=${perPage}&page=${last}>; rel="last"`;
        }
        return [
          op,
          {
            ...ok(
              pageItems.map(a =>
                codeScanningAlert(b, owner, repo, a, spec.defaultBranch),
              ),
            ),
            headers,
          },
        ];
      }
      default:
        return [op, notFound()];
    }
  }

  /** POST /app/installations/{id}/access_tokens with the App's JWT (RS256, signed with its private key). */
  private installationToken(auth: string, installationId: number): Reply {
    const app = this.options.app;
    const jwt = auth.replace(/^bearer /i, '');
    const [h, payload, sig] = jwt.split('.');
    const valid =
      app &&
      sig &&
      createVerify('RSA-SHA256')
        .update(`${h}.${payload}`)
        .verify(app.publicKeyPem, Buffer.from(sig, 'base64url'));
    const claims = valid
      ? JSON.parse(Buffer.from(payload, 'base64url').toString())
      : {};
    if (
      !valid ||
      String(claims.iss) !== app!.appId ||
      claims.exp * 1000 < Date.now()
    ) {
      return {
        status: 401,
        body: {
          message: 'A JSON web token could not be decoded',
          documentation_url: 'https://docs.github.com/rest',
          status: '401',
        },
      };
    }
    if (installationId !== app!.installationId) return notFound();
    const token = `ghs_${randomBytes(18).toString('hex')}`;
    this.issued.add(token);
    return {
      status: 201,
      body: {
        token,
        expires_at: new Date(Date.now() + 3600_000)
          .toISOString()
          .replace(/\.\d+Z$/, 'Z'),
        permissions: {
          actions: 'read',
          contents: 'read',
          security_events: 'read',
        },
        repository_selection: 'all',
      },
    };
  }
}

/** `/commits` → `/commits`; `/actions/runs/5/jobs` → `/actions/runs/{run_id}/jobs`. */
function templateOf(rest: string[]): string {
  if (rest.length === 0) return '';
  if (
    rest[0] === 'actions' &&
    rest[1] === 'runs' &&
    rest.length === 4 &&
    rest[3] === 'jobs'
  ) {
    return '/actions/runs/{run_id}/jobs';
  }
  return `/${rest.join('/')}`;
}

function ok(body: unknown): Reply {
  return { status: 200, body };
}

function notFound(): Reply {
  return {
    status: 404,
    body: {
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest',
      status: '404',
    },
  };
}

export { fakeNodeId };
