import type { ArgoCdClient, RevisionMetadata } from '../upstream/ArgoCdClient';
import type { RevisionKey, SnapshotStore } from './SnapshotStore';

/** How long a failed metadata fetch is not retried. */
const NEGATIVE_TTL_MS = 60_000;
/** Memory entries kept per replica (LRU by insertion order). */
const MAX_ENTRIES = 20_000;

/**
 * Commit metadata per instance/app/revision. A revision's metadata never changes, so it is
 * fetched from Argo CD at most once (memory, then database, then one coalesced upstream call).
 */
export class RevisionMetadataCache {
  private readonly memory = new Map<string, RevisionMetadata>();
  private readonly inFlight = new Map<
    string,
    Promise<RevisionMetadata | undefined>
  >();
  private readonly failedUntil = new Map<string, number>();

  constructor(
    private readonly store: SnapshotStore,
    private readonly clients: Map<string, ArgoCdClient>,
  ) {}

  /** Cached metadata, or undefined while Argo CD cannot give it. */
  get(key: RevisionKey): Promise<RevisionMetadata | undefined> {
    const id = `${key.instance}\u0000${key.appNamespace}\u0000${key.appName}\u0000${key.revision}`;
    const hit = this.memory.get(id);
    if (hit) return Promise.resolve(hit);
    if ((this.failedUntil.get(id) ?? 0) > Date.now())
      return Promise.resolve(undefined);
    let pending = this.inFlight.get(id);
    if (!pending) {
      pending = this.fetch(id, key).finally(() => this.inFlight.delete(id));
      this.inFlight.set(id, pending);
    }
    return pending;
  }

  private remember(id: string, meta: RevisionMetadata) {
    if (this.memory.size >= MAX_ENTRIES) {
      const oldest = this.memory.keys().next().value;
      if (oldest !== undefined) this.memory.delete(oldest);
    }
    this.memory.set(id, meta);
  }

  private async fetch(
    id: string,
    key: RevisionKey,
  ): Promise<RevisionMetadata | undefined> {
    const stored = await this.store.getRevisionMetadata(key);
    if (stored) {
      this.remember(id, stored);
      return stored;
    }
    const client = this.clients.get(key.instance);
    if (!client) return undefined;
    try {
      const raw = await client.revisionMetadata(
        key.appName,
        key.appNamespace,
        key.revision,
      );
      const meta: RevisionMetadata = {
        author: typeof raw.author === 'string' ? raw.author : undefined,
        date: typeof raw.date === 'string' ? raw.date : undefined,
        message: typeof raw.message === 'string' ? raw.message : undefined,
      };
      await this.store.putRevisionMetadata(key, meta);
      this.remember(id, meta);
      this.failedUntil.delete(id);
      return meta;
    } catch {
      this.failedUntil.set(id, Date.now() + NEGATIVE_TTL_MS);
      return undefined;
    }
  }
}
