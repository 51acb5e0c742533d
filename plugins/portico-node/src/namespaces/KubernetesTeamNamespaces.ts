import { CoreV1Api } from '@kubernetes/client-node';
import {
  type ClusterConnection,
  kubeConfigFor,
} from '../kubernetes/kubeConfigFor';
import { TEAM_LABEL } from '../teams/teamLabels';
import {
  NamespaceOwnership,
  TeamNamespacesService,
} from './TeamNamespacesService';

export interface KubernetesTeamNamespacesOptions extends ClusterConnection {
  /** How long a team's list and a namespace's owner are reused. */
  cacheMillis: number;
  /** Most teams with namespaces and existing namespaces remembered (default 2000). */
  maxEntries?: number;
  /** Most bytes (estimated) those answers may take (default 4 MiB). */
  maxBytes?: number;
  /**
   * Most "nothing there" answers remembered (a team without namespaces, a namespace that does
   * not exist; default 500). They are kept apart, so a flood of made-up names can neither grow
   * memory nor push the real answers out.
   */
  maxNegativeEntries?: number;
}

/** A label value (what a team name must be to appear in a selector). */
const TEAM_VALUE = /^[a-z0-9]([-a-z0-9_.]{0,61}[a-z0-9])?$/;
/** A Namespace name (RFC 1123 label). */
const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Fixed cost of one cached answer besides its strings (map entry, object, array). */
const ENTRY_OVERHEAD_BYTES = 96;

interface Entry {
  at: number;
  value: unknown;
  bytes: number;
}

/** Least recently used first out, bounded in entries and in bytes. */
class BoundedLru {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}

  get(key: string, maxAgeMillis: number): Entry | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.entries.delete(key);
    if (Date.now() - hit.at >= maxAgeMillis) {
      this.bytes -= hit.bytes;
      return undefined;
    }
    this.entries.set(key, hit);
    return hit;
  }

  set(key: string, value: unknown, bytes: number) {
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.bytes;
    }
    if (bytes > this.maxBytes) return; // never kept: it alone would exceed the budget
    this.entries.set(key, { at: Date.now(), value, bytes });
    this.bytes += bytes;
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
      const [oldest, entry] = this.entries.entries().next().value as [
        string,
        Entry,
      ];
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
  }

  delete(key: string) {
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.bytes;
    }
  }

  get size() {
    return this.entries.size;
  }

  get totalBytes() {
    return this.bytes;
  }
}

function sizeOf(key: string, value: string[] | NamespaceOwnership): number {
  const strings = Array.isArray(value) ? value : [value.team ?? ''];
  return (
    ENTRY_OVERHEAD_BYTES +
    2 * key.length +
    strings.reduce((n, s) => n + 2 * s.length + 16, 0)
  );
}

function isEmpty(value: string[] | NamespaceOwnership): boolean {
  return Array.isArray(value) ? value.length === 0 : !value.exists;
}

/** The HTTP status of a failed API call, without its body or headers. */
function statusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
}

/**
 * Lists Namespaces labelled `portico.io/team=<team>` through the Kubernetes API. Answers are
 * cached for `cacheMillis` (bounded in entries and bytes; negative answers in a separate, smaller
 * bound), concurrent identical lookups share one API call, failures are not cached, and names
 * that cannot be a team or a Namespace are answered without asking the API server.
 */
export class KubernetesTeamNamespaces implements TeamNamespacesService {
  private readonly api: CoreV1Api;
  private readonly positive: BoundedLru;
  private readonly negative: BoundedLru;
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(private readonly options: KubernetesTeamNamespacesOptions) {
    const kc = kubeConfigFor(options);
    this.api = kc.makeApiClient(CoreV1Api);
    this.positive = new BoundedLru(
      options.maxEntries ?? 2000,
      options.maxBytes ?? 4 * 1024 * 1024,
    );
    const maxNegative = options.maxNegativeEntries ?? 500;
    this.negative = new BoundedLru(
      maxNegative,
      maxNegative * (ENTRY_OVERHEAD_BYTES + 512),
    );
  }

  /** Cached answers (for tests and diagnostics). */
  cacheStats() {
    return {
      entries: this.positive.size,
      bytes: this.positive.totalBytes,
      negativeEntries: this.negative.size,
      negativeBytes: this.negative.totalBytes,
      inFlight: this.inFlight.size,
    };
  }

  private async cached<T extends string[] | NamespaceOwnership>(
    key: string,
    load: () => Promise<T>,
  ): Promise<T> {
    const maxAge = this.options.cacheMillis;
    const hit =
      this.positive.get(key, maxAge) ?? this.negative.get(key, maxAge);
    if (hit) {
      return hit.value as T;
    }
    const running = this.inFlight.get(key);
    if (running) {
      return running as Promise<T>;
    }
    const promise = load().then(
      value => {
        this.inFlight.delete(key);
        const [keep, drop] = isEmpty(value)
          ? [this.negative, this.positive]
          : [this.positive, this.negative];
        drop.delete(key);
        keep.set(key, value, sizeOf(key, value));
        return value;
      },
      error => {
        this.inFlight.delete(key);
        throw error;
      },
    );
    this.inFlight.set(key, promise);
    return promise;
  }

  async namespacesOf(team: string): Promise<string[]> {
    if (!TEAM_VALUE.test(team)) {
      return [];
    }
    const names = await this.cached(`team:${team}`, async () => {
      try {
        const list = await this.api.listNamespace({
          labelSelector: `${TEAM_LABEL}=${team}`,
        });
        return list.items
          .map(item => item.metadata?.name)
          .filter((name): name is string => Boolean(name))
          .sort();
      } catch (error) {
        throw new Error(
          `Kubernetes API: could not list the Namespaces of team ${team} (HTTP ${
            statusOf(error) ?? 'error'
          })`,
        );
      }
    });
    return [...names];
  }

  async ownerOf(namespace: string): Promise<NamespaceOwnership> {
    if (!NAMESPACE_NAME.test(namespace)) {
      return { exists: false };
    }
    const owner = await this.cached<NamespaceOwnership>(
      `ns:${namespace}`,
      async () => {
        try {
          const object = await this.api.readNamespace({ name: namespace });
          const team = object.metadata?.labels?.[TEAM_LABEL];
          return team ? { exists: true, team } : { exists: true };
        } catch (error) {
          if (statusOf(error) === 404) {
            return { exists: false };
          }
          throw new Error(
            `Kubernetes API: could not read Namespace ${namespace} (HTTP ${
              statusOf(error) ?? 'error'
            })`,
          );
        }
      },
    );
    return { ...owner };
  }
}
