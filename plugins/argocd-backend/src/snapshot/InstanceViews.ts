import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ArgoInstanceState } from '@internal/plugin-argocd-common';
import { AppIndex } from '../lookup/AppIndex';
import type { SnapshotStore } from './SnapshotStore';

export interface InstanceView {
  instance: string;
  version: number;
  fetchedAt?: Date;
  attemptedAt?: Date;
  error?: string;
  index: AppIndex;
}

const EMPTY = new AppIndex([]);

/**
 * This replica's in-memory copy of every instance's snapshot. `reload()` compares versions with
 * the database (one tiny query) and only loads and re-indexes rows that changed.
 */
export class InstanceViews {
  private readonly views = new Map<string, InstanceView>();
  private reloading?: Promise<void>;

  constructor(
    private readonly store: SnapshotStore,
    private readonly instances: string[],
    private readonly logger: LoggerService,
  ) {}

  get(instance: string): InstanceView {
    return (
      this.views.get(instance) ?? {
        instance,
        version: 0,
        index: EMPTY,
        error: 'not fetched yet',
      }
    );
  }

  /** Coalesced: concurrent callers share one reload. */
  reload(): Promise<void> {
    if (!this.reloading) {
      this.reloading = this.doReload().finally(() => {
        this.reloading = undefined;
      });
    }
    return this.reloading;
  }

  private async doReload() {
    const versions = await this.store.versions();
    for (const instance of this.instances) {
      const version = versions.get(instance);
      if (
        version === undefined ||
        version === this.views.get(instance)?.version
      )
        continue;
      const row = await this.store.load(instance);
      if (!row) continue;
      const previous = this.views.get(instance);
      const index =
        row.apps && row.fetchedAt?.getTime() !== previous?.fetchedAt?.getTime()
          ? new AppIndex(row.apps)
          : previous?.index ?? new AppIndex(row.apps ?? []);
      this.views.set(instance, {
        instance,
        version: row.version,
        fetchedAt: row.fetchedAt,
        attemptedAt: row.attemptedAt,
        error: row.error,
        index,
      });
      this.logger.debug(
        `Loaded Argo CD snapshot of ${instance} v${row.version}`,
        {
          instance,
          apps: index.apps.length,
        },
      );
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
