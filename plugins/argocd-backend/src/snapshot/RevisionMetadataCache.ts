import type { ArgoCdClient, RevisionMetadata } from '../upstream/ArgoCdClient';
import type { RevisionKey, SnapshotStore } from './SnapshotStore';

/** How long a failed metadata fetch is not retried. */
const NEGATIVE_TTL_MS = 60_000;

/** How long a revision the database lacks is not looked up again by peek(). */
const MISSING_TTL_MS = 5_000;

function idOf(key: RevisionKey): string {
  return `${key.instance}\u0000${key.appNamespace}\u0000${key.appName}\u0000${key.revision}`;
}

/** Bounds of one replica's memory (each is a hard limit; the oldest entries go first). */
export interface RevisionCacheLimits {
  /** Metadata entries kept. */
  maxEntries: number;
  /** Their approximate size (UTF-16 code units of the key and fields, times two). */
  maxBytes: number;
  /** Failed fetches remembered (not retried for a minute). */
  maxFailures: number;
}

const DEFAULT_REVISION_CACHE_LIMITS: RevisionCacheLimits = {
  maxEntries: 20_000,
  maxBytes: 16 * 1024 * 1024,
  maxFailures: 10_000,
};

/** Field lengths kept, the same as the database columns keep (SnapshotStore). */
const MAX_AUTHOR = 1000;
const MAX_DATE = 64;
const MAX_MESSAGE = 4000;

function clip(value: unknown, max: number): string | undefined {
  return typeof value === 'string' ? value.slice(0, max) : undefined;
}

function sizeOf(id: string, meta: RevisionMetadata): number {
  return (
    2 *
    (id.length +
      (meta.author?.length ?? 0) +
      (meta.date?.length ?? 0) +
      (meta.message?.length ?? 0))
  );
}

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
  private readonly missingUntil = new Map<string, number>();
  private bytes = 0;

  constructor(
    private readonly store: SnapshotStore,
    private readonly clients: Map<string, ArgoCdClient>,
    private readonly limits: RevisionCacheLimits = DEFAULT_REVISION_CACHE_LIMITS,
  ) {}

  /** What the memory holds now (tests, metrics). */
  stats(): { entries: number; bytes: number; failures: number } {
    return {
      entries: this.memory.size,
      bytes: this.bytes,
      failures: this.failedUntil.size,
    };
  }

  /**
   * What memory or the database has, never asking Argo CD (the entity page: the watcher's
   * replica fetches what is missing in the background). A database miss is not asked again for
   * a few seconds.
   */
  async peek(key: RevisionKey): Promise<RevisionMetadata | undefined> {
    const id = idOf(key);
    const hit = this.memory.get(id);
    if (hit) return hit;
    const until = this.missingUntil.get(id);
    if (until !== undefined && until > Date.now()) return undefined;
    const stored = await this.store.getRevisionMetadata(key);
    if (stored) {
      this.missingUntil.delete(id);
      this.remember(id, stored);
      return stored;
    }
    this.missingUntil.delete(id);
    while (this.missingUntil.size >= this.limits.maxFailures) {
      const oldest = this.missingUntil.keys().next().value;
      if (oldest === undefined) break;
      this.missingUntil.delete(oldest);
    }
    this.missingUntil.set(id, Date.now() + MISSING_TTL_MS);
    return undefined;
  }

  /** Cached metadata, or undefined while Argo CD cannot give it. */
  get(key: RevisionKey): Promise<RevisionMetadata | undefined> {
    const id = idOf(key);
    const hit = this.memory.get(id);
    if (hit) return Promise.resolve(hit);
    const failedUntil = this.failedUntil.get(id);
    if (failedUntil !== undefined) {
      if (failedUntil > Date.now()) return Promise.resolve(undefined);
      this.failedUntil.delete(id);
    }
    let pending = this.inFlight.get(id);
    if (!pending) {
      pending = this.fetch(id, key).finally(() => this.inFlight.delete(id));
      this.inFlight.set(id, pending);
    }
    return pending;
  }

  private remember(id: string, meta: RevisionMetadata) {
    const size = sizeOf(id, meta);
    if (size > this.limits.maxBytes) return;
    const previous = this.memory.get(id);
    if (previous) {
      this.memory.delete(id);
      this.bytes -= sizeOf(id, previous);
    }
    while (
      this.memory.size > 0 &&
      (this.memory.size >= this.limits.maxEntries ||
        this.bytes + size > this.limits.maxBytes)
    ) {
      const [oldestId, oldest] = this.memory.entries().next().value!;
      this.memory.delete(oldestId);
      this.bytes -= sizeOf(oldestId, oldest);
    }
    this.memory.set(id, meta);
    this.bytes += size;
  }

  private rememberFailure(id: string) {
    this.failedUntil.delete(id);
    while (this.failedUntil.size >= this.limits.maxFailures) {
      const oldest = this.failedUntil.keys().next().value;
      if (oldest === undefined) break;
      this.failedUntil.delete(oldest);
    }
    this.failedUntil.set(id, Date.now() + NEGATIVE_TTL_MS);
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
      // clipped as the database keeps them, so memory and database give the same answer
      const meta: RevisionMetadata = {
        author: clip(raw?.author, MAX_AUTHOR),
        date: clip(raw?.date, MAX_DATE),
        message: clip(raw?.message, MAX_MESSAGE),
      };
      await this.store.putRevisionMetadata(key, meta);
      this.remember(id, meta);
      this.failedUntil.delete(id);
      return meta;
    } catch {
      this.rememberFailure(id);
      return undefined;
    }
  }
}
