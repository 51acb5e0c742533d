import { createHash } from 'node:crypto';

/**
 * The fields of each application the cached view keeps: what the status, detail and Roadie
 * routes show, nothing else (no manifests, no managed fields, no annotations). The list call asks
 * Argo CD for them (`fields`); the watch stream has no field selection, so each event is cut down
 * to them here, and list items too, so one application has the same compact form (and hash)
 * whichever way it came.
 */
export const APPLICATION_FIELDS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.labels',
  'metadata.resourceVersion',
  'spec.project',
  'spec.source',
  'spec.sources',
  'spec.destination',
  'status.sync.status',
  'status.sync.revision',
  'status.sync.revisions',
  'status.health',
  'status.operationState.phase',
  'status.operationState.message',
  'status.operationState.startedAt',
  'status.operationState.finishedAt',
  'status.operationState.operation.initiatedBy',
  'status.operationState.operation.sync.revision',
  'status.operationState.syncResult.revision',
  'status.history',
  'status.conditions',
  'status.resources',
];

/** The list call's `fields` query: the list's resourceVersion and every kept item field. */
export const APPLICATION_LIST_FIELDS = [
  'metadata.resourceVersion',
  ...APPLICATION_FIELDS.map(f => `items.${f}`),
];

const PATHS = APPLICATION_FIELDS.map(f => f.split('.'));

function pick(target: Record<string, any>, source: any, path: string[]) {
  if (source === null || typeof source !== 'object') return;
  const [head, ...rest] = path;
  if (!(head in source)) return;
  if (rest.length === 0) {
    target[head] = source[head];
    return;
  }
  const child = source[head];
  if (child === null || typeof child !== 'object' || Array.isArray(child))
    return;
  target[head] = target[head] ?? {};
  pick(target[head], child, rest);
}

/** The kept fields of one application, in APPLICATION_FIELDS order. */
export function compactApplication(app: unknown): Record<string, any> {
  const out: Record<string, any> = {};
  for (const p of PATHS) pick(out, app, p);
  return out;
}

/** One application as the index keeps it: key fields, and the compact body as JSON. */
export interface AppEntry {
  name: string;
  namespace?: string;
  labels: Record<string, string>;
  resourceVersion?: string;
  /** sha1 of `json` (base64url, 16 chars): what a relist compares. */
  hash: string;
  json: string;
}

/** `namespace/name`, the key of an application on one instance. */
export function appKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

/** The entry of an application (any shape Argo CD sends), or undefined without a name. */
export function toAppEntry(app: any): AppEntry | undefined {
  const name = app?.metadata?.name;
  if (typeof name !== 'string' || !name) return undefined;
  const compact = compactApplication(app);
  const json = JSON.stringify(compact);
  return {
    name,
    namespace: compact.metadata.namespace,
    labels: compact.metadata.labels ?? {},
    resourceVersion: compact.metadata.resourceVersion,
    hash: hashJson(json),
    json,
  };
}

export function hashJson(json: string): string {
  return createHash('sha1').update(json).digest('base64url').slice(0, 16);
}
