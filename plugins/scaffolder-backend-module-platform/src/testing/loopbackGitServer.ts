/*
 * A real Git server on loopback for tests and local use: `git http-backend` (smart HTTP) behind
 * a small Node HTTP server that authenticates with tokens it issues itself (expiry + per-repository
 * scope), creates bare repositories on first push when the token allows it, and serves raw files
 * so the catalog can read catalog-info.yaml from a pushed repository.
 *
 *   POST   /api/tokens            admin bearer; {repositories, permission, create?, ttlSeconds} → 201 {token, expires_at, ...}
 *   DELETE /api/tokens/current    bearer = the token to revoke → 204
 *   GET    /api/repos/:owner/:repo                               → 200 {full_name, default_branch, empty} | 404
 *   GET    /:owner/:repo/raw/:ref/<path>                         → file contents
 *   *      /:owner/:repo.git/(info/refs|git-upload-pack|git-receive-pack)   → git http-backend
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { pipeToGitHttpBackend } from './gitHttpBackend';
import { callerOf, mayAccess } from './loopbackAccess';
import { SEGMENT, sendJson, unauthorized } from './loopbackHttp';
import { LoopbackTokenIssuer } from './loopbackTokens';
import { handleTokenRequest } from './loopbackTokensApi';

const execFileAsync = promisify(execFile);

const GIT_PATH =
  /^\/([^/]+)\/([^/]+)\.git\/(info\/refs|git-upload-pack|git-receive-pack)$/;
const RAW_PATH = /^\/([^/]+)\/([^/]+)\/raw\/([^/]+)\/(.+)$/;
const REPO_API_PATH = /^\/api\/repos\/([^/]+)\/([^/]+)$/;

export interface LoopbackGitServerOptions {
  /** Directory holding `<owner>/<repo>.git`; default: a new temporary directory (removed on stop). */
  root?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Secret that may issue tokens and do anything; default: random. */
  adminToken?: string;
  /** Allow anonymous reads of /raw/ (the catalog's URL reader sends no credentials). Default true. */
  anonymousRawRead?: boolean;
}

export interface LoopbackGitServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  host: string;
  adminToken: string;
  root: string;
  tokens: LoopbackTokenIssuer;
  /** Clone URL of a repository. */
  cloneUrl(owner: string, repo: string): string;
  /** Path of the bare repository on disk. */
  repoDir(owner: string, repo: string): string;
  /** Creates an empty bare repository (no-op when it exists). */
  createRepository(owner: string, repo: string): Promise<void>;
  /** Runs `git <args>` inside a bare repository; returns stdout. */
  git(owner: string, repo: string, args: string[]): Promise<string>;
  /** Number of HTTP requests served per route kind (tests assert on them). */
  requests: Record<string, number>;
  stop(): Promise<void>;
}

/** Starts the server; resolves when it listens. */
export async function startLoopbackGitServer(
  options: LoopbackGitServerOptions = {},
): Promise<LoopbackGitServer> {
  const ownRoot = !options.root;
  const root =
    options.root ??
    (await fs.promises.mkdtemp(path.join(os.tmpdir(), 'portico-git-')));
  await fs.promises.mkdir(root, { recursive: true });
  const adminToken =
    options.adminToken ?? `lga_${randomBytes(24).toString('base64url')}`;
  const anonymousRawRead = options.anonymousRawRead ?? true;
  const tokens = new LoopbackTokenIssuer();
  const requests: Record<string, number> = {};
  const count = (kind: string) => {
    requests[kind] = (requests[kind] ?? 0) + 1;
  };

  const repoDir = (owner: string, repo: string) =>
    path.join(root, owner, `${repo}.git`);
  const exists = (owner: string, repo: string) =>
    fs.existsSync(path.join(repoDir(owner, repo), 'HEAD'));

  const createRepository = async (owner: string, repo: string) => {
    if (exists(owner, repo)) {
      return;
    }
    const dir = repoDir(owner, repo);
    await fs.promises.mkdir(dir, { recursive: true });
    await execFileAsync('git', [
      'init',
      '--quiet',
      '--bare',
      '--initial-branch=main',
      dir,
    ]);
    await execFileAsync('git', [
      '--git-dir',
      dir,
      'config',
      'http.receivepack',
      'true',
    ]);
  };

  const git = async (owner: string, repo: string, args: string[]) => {
    const { stdout } = await execFileAsync(
      'git',
      ['--git-dir', repoDir(owner, repo), ...args],
      {
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return stdout;
  };

  const authenticate = (req: http.IncomingMessage) =>
    callerOf(req, adminToken, tokens);
  const handleTokens = (req: http.IncomingMessage, res: http.ServerResponse) =>
    handleTokenRequest(req, res, adminToken, tokens);

  const handleRepoApi = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    owner: string,
    repo: string,
  ) => {
    const caller = authenticate(req);
    if (!caller) {
      unauthorized(res, 'credentials required');
      return;
    }
    if (!mayAccess(caller, owner, repo, false) || !exists(owner, repo)) {
      sendJson(res, 404, { message: 'Not Found' });
      return;
    }
    git(owner, repo, ['rev-parse', '--verify', '--quiet', 'refs/heads/main'])
      .then(
        () => false,
        () => true,
      )
      .then(empty =>
        sendJson(res, 200, {
          full_name: `${owner}/${repo}`,
          default_branch: 'main',
          empty,
        }),
      );
  };

  const handleRaw = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    owner: string,
    repo: string,
    ref: string,
    filePath: string,
  ) => {
    if (!anonymousRawRead) {
      const caller = authenticate(req);
      if (!caller) {
        unauthorized(res, 'credentials required');
        return;
      }
      if (!mayAccess(caller, owner, repo, false)) {
        sendJson(res, 404, { message: 'Not Found' });
        return;
      }
    }
    const segments = filePath.split('/');
    if (
      !SEGMENT.test(ref) ||
      segments.some(
        s => !s || s === '.' || s === '..' || !/^[A-Za-z0-9_.-]+$/.test(s),
      ) ||
      !exists(owner, repo)
    ) {
      sendJson(res, 404, { message: 'Not Found' });
      return;
    }
    try {
      const content = await git(owner, repo, [
        'cat-file',
        'blob',
        `refs/heads/${ref}:${filePath}`,
      ]);
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(content);
    } catch {
      sendJson(res, 404, { message: 'Not Found' });
    }
  };

  const handleGit = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    owner: string,
    repo: string,
    rest: string,
    query: string,
  ) => {
    const service = new URLSearchParams(query).get('service');
    const write = rest === 'git-receive-pack' || service === 'git-receive-pack';
    const caller = authenticate(req);
    if (!caller) {
      unauthorized(res, 'credentials required');
      return;
    }
    if (!mayAccess(caller, owner, repo, write)) {
      res.writeHead(403, { 'content-type': 'text/plain' });
      res.end(
        `token is not allowed to ${
          write ? 'push to' : 'read'
        } ${owner}/${repo}`,
      );
      return;
    }
    if (!exists(owner, repo)) {
      if (!(write && caller.create)) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end(`repository ${owner}/${repo} does not exist`);
        return;
      }
      await createRepository(owner, repo);
    }
    count(write ? 'push' : 'fetch');
    pipeToGitHttpBackend(req, res, {
      root,
      path: `/${owner}/${repo}.git/${rest}`,
      query,
      remoteUser: caller.admin ? 'admin' : 'token',
    });
  };

  const server = http.createServer((req, res) => {
    const [pathname, query = ''] = (req.url ?? '/').split('?', 2);
    Promise.resolve()
      .then(async () => {
        if (pathname.startsWith('/api/tokens')) {
          count('tokens');
          await handleTokens(req, res);
          return;
        }
        let m = REPO_API_PATH.exec(pathname);
        if (
          m &&
          req.method === 'GET' &&
          SEGMENT.test(m[1]) &&
          SEGMENT.test(m[2])
        ) {
          handleRepoApi(req, res, m[1], m[2]);
          return;
        }
        m = GIT_PATH.exec(pathname);
        if (m && SEGMENT.test(m[1]) && SEGMENT.test(m[2])) {
          await handleGit(req, res, m[1], m[2], m[3], query);
          return;
        }
        m = RAW_PATH.exec(pathname);
        if (
          m &&
          req.method === 'GET' &&
          SEGMENT.test(m[1]) &&
          SEGMENT.test(m[2])
        ) {
          count('raw');
          await handleRaw(
            req,
            res,
            m[1],
            m[2],
            decodeURIComponent(m[3]),
            decodeURIComponent(m[4]),
          );
          return;
        }
        sendJson(res, 404, { message: 'Not Found' });
      })
      .catch(() => {
        if (!res.headersSent) {
          sendJson(res, 500, { message: 'internal error' });
        } else {
          res.end();
        }
      });
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as { port: number };
  const url = `http://${host}:${address.port}`;

  return {
    url,
    host: `${host}:${address.port}`,
    adminToken,
    root,
    tokens,
    requests,
    cloneUrl: (owner, repo) => `${url}/${owner}/${repo}.git`,
    repoDir,
    createRepository,
    git,
    async stop() {
      await new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (ownRoot) {
        await fs.promises.rm(root, { recursive: true, force: true });
      }
    },
  };
}
