import type { RevisionMetadataCache } from '../snapshot/RevisionMetadataCache';
import type { ArgoApplication } from '../upstream/ArgoCdClient';
import type { HistoryMetadata } from './applicationViews';
import type { FoundApplication } from './EntityApplications';

type Json = Record<string, any>;

/** The revision a history entry deployed (the first source's, for a multi-source application). */
function historyRevision(entry: Json | undefined): string | undefined {
  return entry?.revision ?? entry?.revisions?.[0];
}

/** The history revisions of an application whose commit metadata is shown (charts have none). */
export function historyRevisions(app: ArgoApplication): string[] {
  if (app.spec?.source?.chart) return [];
  const out = new Set<string>();
  for (const h of app.status?.history ?? []) {
    const revision = historyRevision(h);
    if (revision) out.add(revision);
  }
  return [...out];
}

/**
 * Commit metadata of every history revision of these applications, as memory or the database has
 * it (RevisionMetadataCache.peek: no upstream call; the watcher fetches missing ones), keyed
 * `instance/appNamespace/appName/revision`. Charts have none.
 */
export async function historyMetadata(
  revisions: RevisionMetadataCache,
  found: FoundApplication[],
): Promise<Map<string, HistoryMetadata | undefined>> {
  const out = new Map<string, HistoryMetadata | undefined>();
  const jobs: Promise<void>[] = [];
  for (const { instance, app } of found) {
    if (app.spec?.source?.chart) continue;
    for (const h of app.status?.history ?? []) {
      const revision = historyRevision(h);
      const key = `${instance.name}/${app.metadata.namespace}/${app.metadata.name}/${revision}`;
      if (!revision || out.has(key)) continue;
      out.set(key, undefined);
      jobs.push(
        revisions
          .peek({
            instance: instance.name,
            appNamespace: app.metadata.namespace,
            appName: app.metadata.name,
            revision,
          })
          .then(meta => {
            out.set(key, meta);
          }),
      );
    }
  }
  await Promise.all(jobs);
  return out;
}

/**
 * The revisions an application's snapshot knows (history, sync target, current operation): the
 * only ones whose commit metadata the revision route asks Argo CD for.
 */
export function knownRevisions(app: ArgoApplication): Set<string> {
  const out = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === 'string' && v) out.add(v);
  };
  const addAll = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(add);
  };
  const status = app.status as Json | undefined;
  for (const h of Array.isArray(status?.history) ? status.history : []) {
    add(h?.revision);
    addAll(h?.revisions);
  }
  add(status?.sync?.revision);
  addAll(status?.sync?.revisions);
  add(status?.operationState?.syncResult?.revision);
  add(status?.operationState?.operation?.sync?.revision);
  return out;
}
