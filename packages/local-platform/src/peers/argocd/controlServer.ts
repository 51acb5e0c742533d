import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  makeFakeApplication,
  type FakeAppSpec,
  type FakeArgoCd,
  type FakeFault,
} from '@internal/plugin-argocd-backend/testUtils';

/** What the control server changes: the fakes by instance and the spec each application was made from. */
export interface ControlTargets {
  fakes: ReadonlyMap<string, FakeArgoCd>;
  specs: Map<string, Map<string, FakeAppSpec>>;
}

const FAULTS = new Set(['none', 'error', 'timeout', 'down']);
const SPEC_KEYS = new Set([
  'labels',
  'team',
  'project',
  'syncStatus',
  'healthStatus',
  'historyLength',
  'chart',
  'operationRunning',
]);

class BadRequest extends Error {}

function object(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new BadRequest(`${what} must be a JSON object`);
  return value as Record<string, unknown>;
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch (e) {
    throw new BadRequest(`invalid JSON: ${(e as Error).message}`);
  }
}

/** POST /fault {"instance","fault"}: any FakeFault (none, error, timeout, down) on one instance. */
function setFault(targets: ControlTargets, body: unknown): number {
  const { instance, fault } = object(body, 'the body');
  const fake = targets.fakes.get(String(instance));
  if (!fake) return 404;
  const f = object(fault, 'fault');
  if (!FAULTS.has(String(f.kind)))
    throw new BadRequest(`fault.kind must be one of ${[...FAULTS].join(', ')}`);
  fake.fault = f as FakeFault;
  return 204;
}

/**
 * POST /apps/<instance>/<name> with a partial FakeAppSpec: the application is made anew from its
 * spec with those fields changed (or added, when the instance did not serve it).
 */
function changeApp(
  targets: ControlTargets,
  instance: string,
  name: string,
  body: unknown,
): FakeAppSpec | undefined {
  const fake = targets.fakes.get(instance);
  const specs = targets.specs.get(instance);
  if (!fake || !specs) return undefined;
  const change = object(body, 'the body');
  const unknown = Object.keys(change).filter(k => !SPEC_KEYS.has(k));
  if (unknown.length)
    throw new BadRequest(`unknown FakeAppSpec fields: ${unknown.join(', ')}`);
  const spec: FakeAppSpec = { ...specs.get(name), ...change, name };
  specs.set(name, spec);
  fake.putApp(makeFakeApplication(spec));
  return spec;
}

/** GET /counts: the requests each instance answered since the last reset, by route. */
function counts(
  targets: ControlTargets,
): Record<string, Record<string, number>> {
  return Object.fromEntries(
    [...targets.fakes].map(([name, fake]) => [name, { ...fake.counts }]),
  );
}

async function handle(
  targets: ControlTargets,
  req: http.IncomingMessage,
  res: http.ServerResponse,
) {
  const parts = new URL(req.url ?? '/', 'http://control').pathname
    .split('/')
    .filter(Boolean)
    .map(decodeURIComponent);
  if (parts.length === 1 && parts[0] === 'watches' && req.method === 'GET') {
    // GET /watches: the watch streams each instance holds open right now
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(
        Object.fromEntries(
          [...targets.fakes].map(([name, fake]) => [name, fake.watch.open]),
        ),
      ),
    );
    return;
  }
  if (parts.length === 1 && parts[0] === 'counts' && req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(counts(targets)));
    return;
  }
  if (req.method !== 'POST') {
    res.writeHead(405, { allow: 'POST' }).end();
    return;
  }
  if (parts.length === 2 && parts[0] === 'counts' && parts[1] === 'reset') {
    for (const fake of targets.fakes.values()) fake.resetCounts();
    res.writeHead(204).end();
    return;
  }
  if (parts.length === 1 && parts[0] === 'fault') {
    const status = setFault(targets, await readJson(req));
    res.writeHead(status).end(status === 404 ? 'no such instance' : undefined);
    return;
  }
  if (parts.length === 3 && parts[0] === 'apps') {
    const spec = changeApp(targets, parts[1], parts[2], await readJson(req));
    if (!spec) {
      res.writeHead(404).end(`no instance ${parts[1]}`);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(spec));
    return;
  }
  res.writeHead(404).end();
}

/** The fake Argo CD's control server on loopback (`port` 0: a free one); resolves with its URL. */
export async function startControlServer(
  targets: ControlTargets,
  port: number,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    handle(targets, req, res).catch(e => {
      if (res.headersSent) return;
      res.writeHead(e instanceof BadRequest ? 400 : 500).end(String(e.message));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
