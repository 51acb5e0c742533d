/*
 * A fake kube-apiserver serving only what KubernetesTeamNamespaces reads, in the real response
 * shapes (tests validate them against the Kubernetes 1.35 OpenAPI in the repository's specs/):
 *   GET /api/v1/namespaces?labelSelector=<equality requirements>  → v1 NamespaceList
 *   GET /api/v1/namespaces/<name>                                 → v1 Namespace
 * and a meta/v1 Status on 400 (a selector it cannot parse), 401 (wrong token) and 404.
 */
import {
  FakeApiServer,
  notServed,
  startFakeApiServer,
  statusReply,
} from './fakeApiServer';

export interface FakeNamespaceApiServer extends FakeApiServer {
  /** Adds (or replaces) a Namespace with these labels. */
  addNamespace(name: string, labels?: Record<string, string>): void;
  removeNamespace(name: string): void;
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
  const namespaces = new Map<string, Record<string, string>>();
  const api = await startFakeApiServer({
    token: options.token ?? 'fake-kube-token',
    handle: (req, url, requests) => {
      if (req.method !== 'GET') {
        return notServed();
      }
      if (url.pathname === '/api/v1/namespaces') {
        const selectorText = url.searchParams.get('labelSelector');
        const selector = selectorText ? parseSelector(selectorText) : [];
        if (!selector) {
          return statusReply(
            400,
            'BadRequest',
            `unable to parse requirement: found '${selectorText}', expected: identifier`,
          );
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
        return {
          status: 200,
          body: {
            kind: 'NamespaceList',
            apiVersion: 'v1',
            metadata: { resourceVersion: String(5000 + requests.length) },
            items,
          },
        };
      }
      const one = /^\/api\/v1\/namespaces\/([^/]+)$/.exec(url.pathname);
      if (!one) {
        return notServed();
      }
      const name = decodeURIComponent(one[1]);
      const labels = namespaces.get(name);
      if (!labels) {
        return statusReply(404, 'NotFound', `namespaces "${name}" not found`, {
          name,
          kind: 'namespaces',
        });
      }
      return { status: 200, body: namespaceObject(name, labels) };
    },
  });
  return {
    ...api,
    addNamespace(name, labels = {}) {
      namespaces.set(name, labels);
    },
    removeNamespace(name) {
      namespaces.delete(name);
    },
  };
}
