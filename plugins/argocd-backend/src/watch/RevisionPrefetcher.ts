import type { LoggerService } from '@backstage/backend-plugin-api';
import type { AppChange } from '../snapshot/AppRowStore';
import type { RevisionMetadataCache } from '../snapshot/RevisionMetadataCache';
import type { ArgoApplication } from '../upstream/ArgoCdClient';
import { historyRevisions } from '../service/revisionHistory';

export interface PrefetchLimits {
  /** Revisions looked up at once. */
  concurrency: number;
  /** Revisions looked up per run; the rest wait `pauseMs`. */
  perRun: number;
  pauseMs: number;
}

const DEFAULT_LIMITS: PrefetchLimits = {
  concurrency: 4,
  perRun: 200,
  pauseMs: 1_000,
};

/**
 * Fetches, on the replica that watches an instance, the commit metadata of the history revisions
 * of applications that changed, so the entity page reads it from the database instead of asking
 * Argo CD per view. Bounded: a few at a time, so many per run, then a pause. Each revision is
 * looked up in memory, then the database, and only then upstream (once: RevisionMetadataCache).
 */
export class RevisionPrefetcher {
  private readonly queue = new Map<
    string,
    { instance: string; json: string }
  >();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly cache: RevisionMetadataCache,
    private readonly logger: LoggerService,
    private readonly limits: PrefetchLimits = DEFAULT_LIMITS,
  ) {}

  enqueue(instance: string, changes: AppChange[]): void {
    if (this.stopped) return;
    for (const c of changes) {
      const id = `${instance}/${c.key}`;
      this.queue.delete(id);
      if (c.entry) this.queue.set(id, { instance, json: c.entry.json });
    }
    this.schedule(0);
  }

  /** Resolves when the queue is empty (tests). */
  async idle(): Promise<void> {
    while (this.queue.size > 0 || this.running || this.timer) {
      await (this.running ?? new Promise(r => setTimeout(r, 20)));
    }
  }

  stop(): void {
    this.stopped = true;
    this.queue.clear();
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(delayMs: number) {
    if (this.timer || this.running || this.queue.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.run().finally(() => {
        this.running = undefined;
        this.schedule(this.limits.pauseMs);
      });
    }, delayMs);
    this.timer.unref();
  }

  private async run() {
    const keys: Parameters<RevisionMetadataCache['get']>[0][] = [];
    for (const [id, { instance, json }] of this.queue) {
      if (keys.length >= this.limits.perRun) break;
      this.queue.delete(id);
      const app = JSON.parse(json) as ArgoApplication;
      for (const revision of historyRevisions(app)) {
        keys.push({
          instance,
          appNamespace: app.metadata.namespace,
          appName: app.metadata.name,
          revision,
        });
      }
    }
    let next = 0;
    const worker = async () => {
      while (next < keys.length && !this.stopped) {
        const key = keys[next++];
        await this.cache.get(key).catch(e => {
          this.logger.debug(`Prefetching revision metadata failed: ${e}`);
        });
      }
    };
    await Promise.all(
      Array.from({ length: this.limits.concurrency }, () => worker()),
    );
  }
}
