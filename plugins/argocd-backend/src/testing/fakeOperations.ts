import { randomBytes } from 'node:crypto';
import { matchesLabels, parseLabelSelector } from '../lookup/labelSelector';
import { FakeApplication, fakeRevision } from './fakeApplications';

/*
 * What the fake Argo CD does to and derives from its applications, as Argo CD does: a list
 * request's filters, a login's session token, a sync that completes at once, an application's
 * resource tree.
 */

function b64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * The applications a list request selects (appNamespace, selector, name, projects/project);
 * throws on a selector that does not parse.
 */
export function listed(
  apps: FakeApplication[],
  q: URLSearchParams,
): FakeApplication[] {
  let items = apps;
  const ns = q.get('appNamespace');
  if (ns) items = items.filter(a => a.metadata.namespace === ns);
  const selector = q.get('selector');
  if (selector) {
    const reqs = parseLabelSelector(selector);
    items = items.filter(a => matchesLabels(reqs, a.metadata.labels));
  }
  const names = q.getAll('name').filter(Boolean);
  if (names.length) items = items.filter(a => names.includes(a.metadata.name));
  const projects = [...q.getAll('projects'), ...q.getAll('project')].filter(
    Boolean,
  );
  if (projects.length)
    items = items.filter(a => projects.includes(a.spec.project));
  return items;
}

/** A session token shaped like Argo CD's (a JWT with iss, sub, iat, exp, jti), and when it expires. */
export function sessionToken(
  username: string,
  ttlSeconds: number,
): { token: string; exp: number } {
  const now = Math.floor(Date.now() / 1000);
  const exp = now + ttlSeconds;
  const token = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({
    iss: 'argocd',
    sub: `${username}:login`,
    iat: now,
    exp,
    jti: randomBytes(8).toString('hex'),
  })}.${randomBytes(16).toString('base64url')}`;
  return { token, exp };
}

function nowIso(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

type InitiatedBy = { username: string } | { automated: true };

/** A sync that finishes at once: new history entry, Synced, Healthy. */
export function completeSync(
  app: FakeApplication,
  revision?: string,
  initiatedBy: InitiatedBy = { username: 'admin' },
) {
  const now = nowIso();
  const running = app.status.operationState?.phase === 'Running';
  const rev =
    revision ||
    (running ? app.status.operationState.operation.sync.revision : '') ||
    app.status.sync.revision ||
    fakeRevision(`${app.metadata.name}#sync`);
  const started = running ? app.status.operationState.startedAt : now;
  const history = app.status.history ?? [];
  const id = history.length ? history[history.length - 1].id + 1 : 0;
  history.push({
    id,
    revision: rev,
    deployStartedAt: started,
    deployedAt: now,
    source: app.spec.source,
    initiatedBy,
  });
  app.status.history = history.slice(-10);
  app.status.sync.status = 'Synced';
  app.status.sync.revision = rev;
  for (const r of app.status.resources ?? []) r.status = 'Synced';
  app.status.operationState = {
    operation: { sync: { revision: rev }, initiatedBy },
    phase: 'Succeeded',
    message: 'successfully synced (all tasks run)',
    startedAt: started,
    finishedAt: now,
    syncResult: { revision: rev, source: app.spec.source },
  };
  app.status.reconciledAt = now;
}

/** A new commit in Git the application does not run yet: OutOfSync toward `revision`. */
export function newGitTarget(app: FakeApplication, revision: string) {
  app.status.sync.status = 'OutOfSync';
  app.status.sync.revision = revision;
  for (const r of app.status.resources ?? [])
    if (r.kind === 'Deployment') r.status = 'OutOfSync';
  app.status.reconciledAt = nowIso();
}

/** A sync that starts (and runs until completeSync): operation Running toward the Git target. */
export function beginSync(
  app: FakeApplication,
  initiatedBy: InitiatedBy = { automated: true },
) {
  app.status.operationState = {
    operation: { sync: { revision: app.status.sync.revision }, initiatedBy },
    phase: 'Running',
    message: 'one or more tasks are running',
    startedAt: nowIso(),
  };
}

/** The health of the application and of its Deployment (so of its ReplicaSet and Pod). */
export function setHealth(
  app: FakeApplication,
  status: 'Healthy' | 'Progressing' | 'Degraded' | 'Suspended' | 'Missing',
  message?: string,
) {
  app.status.health = message ? { status, message } : { status };
  for (const r of app.status.resources ?? [])
    if (r.kind === 'Deployment')
      r.health = message ? { status, message } : { status };
  app.status.reconciledAt = nowIso();
}

/** The resource tree Argo CD gives for an application: its resources, and a Deployment's ReplicaSet and Pod. */
export function resourceTree(app: FakeApplication) {
  const nodes: any[] = [];
  for (const r of app.status.resources ?? []) {
    const uid = fakeRevision(`${r.kind}/${r.namespace}/${r.name}`).slice(0, 32);
    nodes.push({
      group: r.group,
      version: r.version,
      kind: r.kind,
      namespace: r.namespace,
      name: r.name,
      uid,
      resourceVersion: '1',
      createdAt: app.metadata.creationTimestamp,
      ...(r.health ? { health: r.health } : {}),
    });
    if (r.kind === 'Deployment') {
      const rsName = `${r.name}-6d8f9c7b5`;
      const rsUid = fakeRevision(`rs/${rsName}`).slice(0, 32);
      nodes.push({
        group: 'apps',
        version: 'v1',
        kind: 'ReplicaSet',
        namespace: r.namespace,
        name: rsName,
        uid: rsUid,
        resourceVersion: '1',
        parentRefs: [
          {
            group: 'apps',
            kind: 'Deployment',
            namespace: r.namespace,
            name: r.name,
            uid,
          },
        ],
        health: r.health,
        info: [{ name: 'Revision', value: 'Rev:1' }],
      });
      nodes.push({
        version: 'v1',
        kind: 'Pod',
        namespace: r.namespace,
        name: `${rsName}-x2k4p`,
        uid: fakeRevision(`pod/${rsName}`).slice(0, 32),
        resourceVersion: '1',
        parentRefs: [
          {
            group: 'apps',
            kind: 'ReplicaSet',
            namespace: r.namespace,
            name: rsName,
            uid: rsUid,
          },
        ],
        health: r.health,
        images: app.status.summary?.images ?? [],
        info: [{ name: 'Status Reason', value: 'Running' }],
      });
    }
  }
  for (const n of nodes)
    for (const k of Object.keys(n)) if (n[k] === undefined) delete n[k];
  return { nodes, hosts: [] };
}
