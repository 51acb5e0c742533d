/*
 * A fake kube-apiserver serving only what KubernetesTeamNamespaces reads, in the real response
 * shapes (tests validate them against the Kubernetes 1.35 OpenAPI in ../shared/specs):
 *   GET /api/v1/namespaces?labelSelector=<equality requirements>  → v1 NamespaceList
 *   GET /api/v1/namespaces/<name>                                 → v1 Namespace
 * and a meta/v1 Status on 400 (a selector it cannot parse), 401 (wrong token) and 404.
 */
import http from 'node:http';

export interface FakeNamespaceApiServer {
  url: string;
  token: string;
  /** Adds (or replaces) a Namespace with these labels. */
  addNamespace(name: string, labels?: Record<string, string>): void;
  removeNamespace(name: string): void;
  /** Every request, `GET /api/v1/namespaces?labelSelector=...` (path and query as sent). */
  requests: string[];
  stop(): Promise<void>;
}

export function statusObject(
  code: number,
  reason: string,
  message: string,
  details?: object,
) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

let uidCounter = 0;

/** A Namespace as the API server returns it (`withKind`: as a single object, not a list item). */
export function namespaceObject(
  name: string,
  labels: Record<string, string> = {},
  withKind = true,
) {
  uidCounter += 1;
  return {
    ...(withKind ? { kind: 'Namespace', apiVersion: 'v1' } : {}),
    metadata: {
      name,
      uid: `6c0d1c8e-0000-4000-8000-${String(uidCounter).padStart(12, '0')}`,
      resourceVersion: String(1000 + uidCounter),
      creationTimestamp: '2026-01-01T00:00:00Z',
      labels: { 'kubernetes.io/metadata.name': name, ...labels },
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

// What a label selector's equality requirement may hold (label key and value syntax).
const KEY =
  /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

/**
 * The equality requirements of a label selector (`a=b,c==d,e!=f`); undefined when the text is
 * not one the fake understands, which it answers with 400 as the API server does.
 */
function parseSelector(
  text: string,
): Array<{ key: string; value: string; equal: boolean }> | undefined {
  const requirements = [];
  for (const part of text.split(',')) {
    const m = /^([^!=]+)(==|=|!=)(.*)$/.exec(part.trim());
    if (!m || !KEY.test(m[1].trim()) || !VALUE.test(m[3].trim())) {
      return undefined;
    }
    requirements.push({
      key: m[1].trim(),
      value: m[3].trim(),
      equal: m[2] !== '!=',
    });
  }
  return requirements;
}

export async function startFakeNamespaceApiServer(
  options: { token?: string } = {},
): Promise<FakeNamespaceApiServer> {
  const token = options.token ?? 'fake-kube-token';
  const namespaces = new Map<string, Record<string, string>>();
  const requests: string[] = [];
  const send = (res: http.ServerResponse, status: number, body: object) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const notFound = (res: http.ServerResponse) =>
    send(
      res,
      404,
      statusObject(
        404,
        'NotFound',
        'the server could not find the requested resource',
      ),
    );
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://kube');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (req.headers.authorization !== `Bearer ${token}`) {
      send(res, 401, statusObject(401, 'Unauthorized', 'Unauthorized'));
      return;
    }
    if (req.method !== 'GET') {
      notFound(res);
      return;
    }
    if (url.pathname === '/api/v1/namespaces') {
      const selectorText = url.searchParams.get('labelSelector');
      const selector = selectorText ? parseSelector(selectorText) : [];
      if (!selector) {
        send(
          res,
          400,
          statusObject(
            400,
            'BadRequest',
            `unable to parse requirement: found '${selectorText}', expected: identifier`,
          ),
        );
        return;
      }
      const items = [...namespaces.entries()]
        .filter(([name, labels]) => {
          const all: Record<string, string> = {
            'kubernetes.io/metadata.name': name,
            ...labels,
          };
          return selector.every(r =>
            r.equal ? all[r.key] === r.value : all[r.key] !== r.value,
          );
        })
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, labels]) => namespaceObject(name, labels, false));
      send(res, 200, {
        kind: 'NamespaceList',
        apiVersion: 'v1',
        metadata: { resourceVersion: String(5000 + requests.length) },
        items,
      });
      return;
    }
    const one = /^\/api\/v1\/namespaces\/([^/]+)$/.exec(url.pathname);
    if (!one) {
      notFound(res);
      return;
    }
    const name = decodeURIComponent(one[1]);
    const labels = namespaces.get(name);
    if (!labels) {
      send(
        res,
        404,
        statusObject(404, 'NotFound', `namespaces "${name}" not found`, {
          name,
          kind: 'namespaces',
        }),
      );
      return;
    }
    send(res, 200, namespaceObject(name, labels));
  });
  await new Promise<void>(resolve =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    requests,
    addNamespace(name, labels = {}) {
      namespaces.set(name, labels);
    },
    removeNamespace(name) {
      namespaces.delete(name);
    },
    stop: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
