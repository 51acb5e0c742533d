import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ArgoInstanceState } from '@internal/plugin-argocd-common';
import { AppIndex } from '../lookup/AppIndex';
import type { AppEntry } from '../upstream/applicationFields';
import type { AppRowStore } from './AppRowStore';
import type { SnapshotMeta, SnapshotStore } from './SnapshotStore';

export interface InstanceView extends SnapshotMeta {
  index: AppIndex;
}

/** Rows read per query. */
const PAGE = 500;
/** Rows applied between two yields to the event loop (no long stall while a list is applied). */
const CHUNK = 100;

/** What a poll applied to one instance: the changed keys, or `all` for a first load. */
export type AppliedChanges = { instance: string } & (
  | { keys: string[]; all?: false }
  | { all: true }
);

/**
 * This replica's in-memory copy of every instance's applications. `poll()` reads the instance
 * rows (one small query) and, for an instance whose change sequence moved past the one applied,
 * only the application rows after it, applied in chunks; `onApplied` hears what changed (after
 * it is in the index, so what a page asks next sees it).
 */
export class InstanceViews {
  private readonly views = new Map<string, InstanceView>();
  private polling?: Promise<void>;
  private next?: Promise<void>;

  constructor(
    private readonly store: SnapshotStore,
    private readonly rows: AppRowStore,
    private readonly instances: string[],
    private readonly logger: LoggerService,
    private readonly onApplied: (changes: AppliedChanges) => void = () => {},
  ) {}

  get(instance: string): InstanceView {
    return (
      this.views.get(instance) ?? {
        instance,
        version: 0,
        seq: 0,
        index: new AppIndex(),
        error: 'not fetched yet',
      }
    );
  }

  /**
   * Applies what the database has now. Coalesced: a call while a poll runs gets one more poll
   * after it, so a caller that just wrote sees its write once this resolves.
   */
  poll(): Promise<void> {
    if (this.polling) {
      this.next ??= this.polling.then(() => {
        this.next = undefined;
        return this.poll();
      });
      return this.next;
    }
    this.polling = this.pollNow().finally(() => {
      this.polling = undefined;
    });
    return this.polling;
  }

  /** Kept for callers of the old name: see {@link InstanceViews.poll}. */
  reload(): Promise<void> {
    return this.poll();
  }

  private async pollNow() {
    const metas = await this.store.metas();
    for (const instance of this.instances) {
      const meta = metas.get(instance);
      if (!meta) continue;
      const view = this.views.get(instance);
      const index = view?.index ?? new AppIndex();
      let applied = view?.seq ?? 0;
      const fresh = !view;
      const keys: string[] = [];
      while (meta.seq > applied) {
        const rows = await this.rows.since(instance, applied, PAGE, {
          withDeleted: !fresh,
        });
        for (let i = 0; i < rows.length; i += CHUNK) {
          const upserts: AppEntry[] = [];
          const removed: string[] = [];
          for (const row of rows.slice(i, i + CHUNK)) {
            if (row.entry) upserts.push(row.entry);
            else removed.push(row.key);
            keys.push(row.key);
          }
          index.apply(upserts, removed);
          if (rows.length > CHUNK) await yieldToLoop();
        }
        if (rows.length < PAGE) {
          applied = Math.max(meta.seq, rows.at(-1)?.seq ?? 0);
          break;
        }
        applied = rows.at(-1)!.seq;
      }
      this.views.set(instance, { ...meta, seq: applied, index });
      if (fresh && index.size > 0) {
        this.logger.debug(`Loaded Argo CD applications of ${instance}`, {
          instance,
          apps: index.size,
        });
        this.onApplied({ instance, all: true });
      } else if (keys.length > 0) {
        this.onApplied({ instance, keys });
      }
    }
  }

  /** State of one instance as the API reports it. */
  state(instance: string, now = Date.now()): ArgoInstanceState {
    const view = this.views.get(instance);
    if (!view?.fetchedAt) {
      return {
        name: instance,
        status: 'error',
        error: view?.error ?? 'not fetched yet',
      };
    }
    const ageSeconds = Math.max(
      0,
      Math.floor((now - view.fetchedAt.getTime()) / 1000),
    );
    return {
      name: instance,
      status: view.error ? 'stale' : 'ok',
      fetchedAt: view.fetchedAt.toISOString(),
      ageSeconds,
      ...(view.error ? { error: view.error } : {}),
    };
  }
}
