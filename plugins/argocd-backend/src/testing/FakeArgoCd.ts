import http from 'node:http';
import { AddressInfo } from 'node:net';
import {
  FakeAppSpec,
  FakeApplication,
  makeFakeApplication,
} from './fakeApplications';
import { FakeRevisionMetadata, fakeRevisionMetadata } from './fakeCommits';
import {
  completeSync,
  listed,
  resourceTree,
  sessionToken,
} from './fakeOperations';
import type {
  FakeArgoCdOptions,
  FakeFault,
  FakeRoute,
} from './fakeArgoCdTypes';
import { selectFields } from './fieldSelection';
import { FakeWatchHub } from './fakeWatch';

/*
 * A fake Argo CD API server (one instance). Serves the real API shape for the calls Portico and
 * Roadie's backend make, and the watch stream (./fakeWatch); its responses are validated against
 * Argo CD's swagger in FakeArgoCd.test.ts. Faults (latency, 5xx, timeouts, outages) can be
 * injected at any time. Code that changes an application in place calls changed() so that
 * watchers see it.
 */

function toApplication(a: FakeAppSpec | FakeApplication): FakeApplication {
  return typeof (a as FakeApplication).metadata === 'object'
    ? (a as FakeApplication)
    : makeFakeApplication(a as FakeAppSpec);
}

export class FakeArgoCd {
  readonly apps = new Map<string, FakeApplication>();
  readonly counts: Record<string, number> = {};
  /** Every list call's query string (to check field selection and selectors). */
  readonly listQueries: URLSearchParams[] = [];
  /** Commit metadata for given revisions (others get fakeRevisionMetadata). */
  readonly commits = new Map<string, FakeRevisionMetadata>();
  /** The watch stream: changes, open streams, breakAll() to cut them. */
  readonly watch = new FakeWatchHub();
  #fault: FakeFault = { kind: 'none' };
  latency: { baseMs: number; perItemMs: number };
  private readonly tokens: Set<string>;
  private readonly sessions = new Map<string, number>();
  private readonly users: Record<string, string>;
  private readonly sessionTtlSeconds: number;
  private readonly server: http.Server;
  private readonly hanging = new Set<http.ServerResponse>();
  private port = 0;

  private constructor(options: FakeArgoCdOptions) {
    for (const a of options.apps ?? []) this.putApp(a);
    this.tokens = new Set(options.tokens ?? []);
    this.users = options.users ?? {};
    this.sessionTtlSeconds = options.sessionTtlSeconds ?? 86400;
    this.latency = { baseMs: 0, perItemMs: 0, ...options.latency };
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch(e =>
        this.send(res, 500, { error: String(e), code: 13, message: String(e) }),
      );
    });
  }

  static async start(options: FakeArgoCdOptions = {}): Promise<FakeArgoCd> {
    const fake = new FakeArgoCd(options);
    await new Promise<void>((resolve, reject) => {
      fake.server.once('error', reject);
      fake.server.listen(options.port ?? 0, '127.0.0.1', resolve);
    });
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Adds or replaces an application (ADDED or MODIFIED on the watch stream). */
  putApp(a: FakeAppSpec | FakeApplication): FakeApplication {
    const app = toApplication(a);
    const key = `${app.metadata.namespace}/${app.metadata.name}`;
    const type = this.apps.has(key) ? 'MODIFIED' : 'ADDED';
    this.apps.set(key, app);
    this.watch.record(type, app);
    return app;
  }

  /** Removes an application (DELETED on the watch stream). */
  deleteApp(name: string, namespace = 'argocd') {
    const app = this.apps.get(`${namespace}/${name}`);
    if (!app) return;
    this.apps.delete(`${namespace}/${name}`);
    this.watch.record('DELETED', app);
  }

  /** Tells watchers that an application changed in place (MODIFIED); false when there is none. */
  changed(name: string, namespace = 'argocd'): boolean {
    const app = this.apps.get(`${namespace}/${name}`);
    if (app) this.watch.record('MODIFIED', app);
    return Boolean(app);
  }

  count(route: FakeRoute): number {
    return this.counts[route] ?? 0;
  }

  get totalRequests(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }

  resetCounts() {
    for (const k of Object.keys(this.counts)) delete this.counts[k];
    this.listQueries.length = 0;
  }

  /** The fault every request meets ({ kind: 'none' }: none). */
  get fault(): FakeFault {
    return this.#fault;
  }

  /** A server that goes down also cuts the watch streams it holds open, as Argo CD's would. */
  set fault(fault: FakeFault) {
    this.#fault = fault;
    if (fault.kind === 'down') this.watch.breakAll();
  }

  /** Makes every session token issued so far invalid (like a server restart with a new key). */
  expireSessions() {
    this.sessions.clear();
  }

  async close(): Promise<void> {
    this.watch.breakAll();
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>(resolve => this.server.close(() => resolve()));
  }

  private bump(route: FakeRoute) {
    this.counts[route] = (this.counts[route] ?? 0) + 1;
  }

  private send(
    res: http.ServerResponse,
    status: number,
    body: unknown,
    delayMs = 0,
  ) {
    const write = () => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const total = this.latency.baseMs + delayMs;
    if (total > 0) setTimeout(write, total);
    else write();
  }

  private error(
    res: http.ServerResponse,
    status: number,
    code: number,
    message: string,
  ) {
    this.send(res, status, { error: message, code, message });
  }

  private authorized(req: http.IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    const cookie = /argocd\.token=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    const token = header.startsWith('Bearer ') ? header.slice(7) : cookie;
    if (!token) return false;
    if (this.tokens.has(token)) return true;
    const exp = this.sessions.get(token);
    return exp !== undefined && exp > Date.now() / 1000;
  }

  private async body(req: http.IncomingMessage): Promise<any> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    return text ? JSON.parse(text) : {};
  }

  private findApp(
    name: string,
    query: URLSearchParams,
  ): FakeApplication | undefined {
    return this.apps.get(`${query.get('appNamespace') || 'argocd'}/${name}`);
  }

  private notFound(res: http.ServerResponse, name: string) {
    this.bump('not-found');
    this.error(res, 404, 5, `applications.argoproj.io "${name}" not found`);
  }

  /**
   * Like Argo CD: a call that names a project (`project` query or body field) is refused as
   * "permission denied" when the application is in another one.
   */
  private wrongProject(
    res: http.ServerResponse,
    app: FakeApplication,
    project: unknown,
  ): boolean {
    if (typeof project !== 'string' || project === '') return false;
    if (app.spec.project === project) return false;
    this.bump('permission-denied');
    this.error(res, 403, 7, 'permission denied');
    return true;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    if (this.fault.kind === 'down') {
      req.socket.destroy();
      return;
    }
    if (this.fault.kind === 'timeout') {
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
      return;
    }
    if (this.fault.kind === 'error') {
      const status = this.fault.status ?? 503;
      this.error(
        res,
        status,
        14,
        'upstream connect error or disconnect/reset before headers',
      );
      return;
    }
    const url = new URL(req.url ?? '/', 'http://fake');
    const parts = url.pathname
      .split('/')
      .filter(Boolean)
      .map(decodeURIComponent);
    const method = req.method ?? 'GET';

    if (method === 'POST' && url.pathname === '/api/v1/session') {
      this.bump('session');
      const body = await this.body(req);
      if (!body.username || this.users[body.username] !== body.password) {
        this.error(res, 401, 16, 'Invalid username or password');
        return;
      }
      const { token, exp } = sessionToken(
        body.username,
        this.sessionTtlSeconds,
      );
      this.sessions.set(token, exp);
      this.send(res, 200, { token });
      return;
    }

    if (!this.authorized(req)) {
      this.bump('unauthorized');
      this.error(res, 401, 16, 'no session information');
      return;
    }

    if (method === 'GET' && url.pathname === '/api/v1/stream/applications') {
      this.bump('watch');
      this.watch.serve(res, url.searchParams, this.apps.values());
      return;
    }

    if (
      parts[0] !== 'api' ||
      parts[1] !== 'v1' ||
      parts[2] !== 'applications'
    ) {
      this.error(res, 404, 5, 'Not Found');
      return;
    }
    const q = url.searchParams;

    if (method === 'GET' && parts.length === 3) {
      this.bump('list');
      this.listQueries.push(q);
      let items: FakeApplication[];
      try {
        items = listed([...this.apps.values()], q);
      } catch (e) {
        this.error(
          res,
          400,
          3,
          `error parsing labelSelector: ${(e as Error).message}`,
        );
        return;
      }
      let body: any = {
        metadata: { resourceVersion: String(this.watch.version) },
        items,
      };
      const fields = q.get('fields');
      if (fields) body = selectFields(body, fields.split(','));
      this.send(
        res,
        200,
        body,
        Math.round(this.latency.perItemMs * items.length),
      );
      return;
    }

    const name = parts[3];
    if (!name) {
      this.error(res, 404, 5, 'Not Found');
      return;
    }
    const app = this.findApp(name, q);

    if (method === 'GET' && parts.length === 4) {
      if (!app) {
        this.notFound(res, name);
        return;
      }
      if (this.wrongProject(res, app, q.get('project'))) return;
      if (q.get('refresh')) {
        this.bump('refresh');
        app.status.reconciledAt = new Date()
          .toISOString()
          .replace(/\.\d{3}Z$/, 'Z');
        this.watch.record('MODIFIED', app);
      } else {
        this.bump('get');
      }
      this.send(res, 200, app);
      return;
    }
    if (
      method === 'GET' &&
      parts[4] === 'resource-tree' &&
      parts.length === 5
    ) {
      this.bump('resource-tree');
      if (!app) {
        this.notFound(res, name);
        return;
      }
      this.send(res, 200, resourceTree(app));
      return;
    }
    if (
      method === 'GET' &&
      parts[4] === 'revisions' &&
      parts[6] === 'metadata' &&
      parts.length === 7
    ) {
      this.bump('revision-metadata');
      if (!app) {
        this.notFound(res, name);
        return;
      }
      const commit = this.commits.get(parts[5]);
      this.send(res, 200, commit ?? fakeRevisionMetadata(parts[5], app));
      return;
    }
    if (method === 'POST' && parts[4] === 'sync' && parts.length === 5) {
      this.bump('sync');
      const body = await this.body(req);
      const target = this.findApp(
        name,
        new URLSearchParams({ appNamespace: body.appNamespace ?? '' }),
      );
      if (!target) {
        this.notFound(res, name);
        return;
      }
      if (this.wrongProject(res, target, body.project)) return;
      completeSync(target, body.revision);
      this.watch.record('MODIFIED', target);
      this.send(res, 200, target);
      return;
    }
    this.error(res, 404, 5, 'Not Found');
  }
}
