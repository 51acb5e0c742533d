import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ArgoInstanceState } from '@internal/plugin-argocd-common';
import { AppIndex } from '../lookup/AppIndex';
import type { ListParser } from './ListParser';
import type { SnapshotMeta, SnapshotStore } from './SnapshotStore';

export interface InstanceView extends SnapshotMeta {
  index: AppIndex;
}

const EMPTY = new AppIndex([]);

/**
 * This replica's in-memory copy of every instance's snapshot. `reload()` reads the rows without
 * their payloads (one small query) and only loads and re-indexes an instance whose list changed
 * (different hash); the replica that fetched a list hands it over directly with `accept()`.
 */
export class InstanceViews {
  private readonly views = new Map<string, InstanceView>();
  private reloading?: Promise<void>;

  constructor(
    private readonly store: SnapshotStore,
    private readonly instances: string[],
    private readonly logger: LoggerService,
    private readonly parser: ListParser,
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

  /** The list this replica just fetched and stored (saves reading it back). */
  accept(meta: SnapshotMeta, index: AppIndex | undefined) {
    const previous = this.views.get(meta.instance);
    if (previous && previous.version > meta.version) return;
    if (index) {
      this.views.set(meta.instance, { ...meta, index });
    } else if (previous && previous.hash === meta.hash) {
      this.views.set(meta.instance, { ...meta, index: previous.index });
    }
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
    const metas = await this.store.metas();
    for (const instance of this.instances) {
      const meta = metas.get(instance);
      const previous = this.views.get(instance);
      if (!meta || meta.version === previous?.version) continue;
      let index = previous?.index ?? EMPTY;
      if (meta.hash && meta.hash !== previous?.hash) {
        const gz = await this.store.loadPayload(instance);
        const parsed = gz
          ? await this.parser.parse({ instance, gz, base: previous })
          : undefined;
        index = parsed ? parsed.index ?? index : EMPTY;
        this.logger.debug(`Loaded Argo CD snapshot of ${instance}`, {
          instance,
          apps: index.size,
        });
      }
      this.views.set(instance, { ...meta, index });
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
