import type http from 'node:http';
import type { FakeApplication } from './fakeApplications';
import { listed } from './fakeOperations';

/*
 * The fake Argo CD's watch stream, `GET /api/v1/stream/applications`, served as Argo CD serves it:
 * one JSON object per line, `{"result":{"type":"ADDED"|"MODIFIED"|"DELETED","application":{..}}}`
 * (the swagger's "Stream result of v1alpha1ApplicationWatchEvent"), filtered by the same query as
 * the list (name, projects, selector, appNamespace). Without `resourceVersion` the stream starts
 * with every matching application as ADDED; with one, it replays the changes after it, or says
 * `{"error":{"http_code":410,..}}` and ends when that version is older than the changes it keeps
 * (the caller lists again). Every change stamps the application's metadata.resourceVersion.
 */

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

interface Recorded {
  version: number;
  type: WatchEventType;
  application: FakeApplication;
}

interface Watcher {
  res: http.ServerResponse;
  query: URLSearchParams;
}

/** How many changes a watch can resume across (older versions answer 410). */
const DEFAULT_RETAINED = 1000;

export class FakeWatchHub {
  private current = 0;
  private readonly changes: Recorded[] = [];
  private readonly watchers = new Set<Watcher>();

  constructor(private readonly retained = DEFAULT_RETAINED) {}

  /** The resource version of the last change (the list's metadata.resourceVersion). */
  get version(): number {
    return this.current;
  }

  /** Open watch streams. */
  get open(): number {
    return this.watchers.size;
  }

  /** Records a change of `app` (stamping its resourceVersion) and sends it to matching watchers. */
  record(type: WatchEventType, app: FakeApplication): void {
    this.current += 1;
    app.metadata.resourceVersion = String(this.current);
    const change: Recorded = {
      version: this.current,
      type,
      application: structuredClone(app),
    };
    this.changes.push(change);
    if (this.changes.length > this.retained) this.changes.shift();
    for (const watcher of this.watchers) {
      if (matches(change.application, watcher.query))
        write(watcher.res, change);
    }
  }

  /** Serves one watch request (already authorized) until the client or breakAll ends it. */
  serve(
    res: http.ServerResponse,
    query: URLSearchParams,
    apps: Iterable<FakeApplication>,
  ): void {
    res.writeHead(200, {
      'content-type': 'application/json',
      'cache-control': 'no-cache',
    });
    // headers at once, as Argo CD's gateway sends them, before any change
    res.flushHeaders();
    const from = query.get('resourceVersion');
    if (from) {
      const version = Number(from);
      const oldest = this.changes[0]?.version ?? this.current + 1;
      if (!Number.isInteger(version) || version < oldest - 1) {
        res.end(
          `${JSON.stringify({
            error: {
              grpc_code: 11,
              http_code: 410,
              http_status: 'Gone',
              message: `too old resource version: ${from} (${this.current})`,
            },
          })}\n`,
        );
        return;
      }
      for (const change of this.changes) {
        if (change.version > version && matches(change.application, query))
          write(res, change);
      }
    } else {
      for (const app of listed([...apps], query)) {
        write(res, { version: this.current, type: 'ADDED', application: app });
      }
    }
    const watcher = { res, query };
    this.watchers.add(watcher);
    res.on('close', () => this.watchers.delete(watcher));
  }

  /** Breaks every open stream mid-way (a network cut: the client must resume). */
  breakAll(): void {
    for (const { res } of this.watchers) res.destroy();
    this.watchers.clear();
  }
}

function matches(app: FakeApplication, query: URLSearchParams): boolean {
  return listed([app], query).length === 1;
}

function write(res: http.ServerResponse, change: Recorded): void {
  if (res.destroyed || res.writableEnded) return;
  res.write(
    `${JSON.stringify({
      result: { type: change.type, application: change.application },
    })}\n`,
  );
}
