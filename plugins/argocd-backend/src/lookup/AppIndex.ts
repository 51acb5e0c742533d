import type { ArgoApplication } from '../upstream/ArgoCdClient';
import { AppEntry, appKey } from '../upstream/applicationFields';
import { LabelRequirement, matchesLabels } from './labelSelector';

/**
 * An indexed application: the index fields and the application as JSON. The body is parsed
 * afresh each time it is asked for (tens of microseconds): thousands of parsed applications kept
 * on the heap made every major garbage collection pause long, while a string costs the collector
 * next to nothing. The object itself stays the same while the application is unchanged, so what
 * is derived from it (prepared responses) can be keyed on it.
 */
export class IndexedApp {
  constructor(readonly entry: AppEntry) {}

  get name(): string {
    return this.entry.name;
  }

  get app(): ArgoApplication {
    return JSON.parse(this.entry.json);
  }
}

/**
 * The applications of one instance, indexed by `namespace/name`, by name and by `label=value`, so
 * an entity lookup is a map access rather than a scan or an upstream call. Changed in place as
 * changes arrive (watch events, relists); an application keeps its object while it is unchanged,
 * and a changed one gets a new object (so what was derived from the old one is not reused).
 */
export class AppIndex {
  private readonly byKey = new Map<string, IndexedApp>();
  private readonly byName = new Map<string, IndexedApp[]>();
  private readonly byLabel = new Map<string, IndexedApp[]>();

  constructor(entries: AppEntry[] = []) {
    this.apply(entries, []);
  }

  /** Adds or replaces `upserts`, removes the applications with the keys `removed` (appKey). */
  apply(upserts: AppEntry[], removed: string[]): void {
    for (const key of removed) this.remove(key);
    for (const entry of upserts) {
      const key = appKey(entry.namespace, entry.name);
      const previous = this.byKey.get(key);
      if (previous?.entry.hash === entry.hash) continue;
      const item = new IndexedApp(entry);
      if (previous) this.unlink(previous);
      // a Map keeps the position of a replaced key: list order stays
      this.byKey.set(key, item);
      push(this.byName, entry.name, item);
      for (const [k, v] of Object.entries(entry.labels)) {
        push(this.byLabel, `${k}=${v}`, item);
      }
    }
  }

  /** The application with this key (appKey), if held. */
  get(key: string): IndexedApp | undefined {
    return this.byKey.get(key);
  }

  /** The hash of every application held, by key (what a relist is compared with). */
  hashes(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [k, v] of this.byKey) out.set(k, v.entry.hash);
    return out;
  }

  private remove(key: string) {
    const item = this.byKey.get(key);
    if (!item) return;
    this.byKey.delete(key);
    this.unlink(item);
  }

  private unlink(item: IndexedApp) {
    pull(this.byName, item.entry.name, item);
    for (const [k, v] of Object.entries(item.entry.labels)) {
      pull(this.byLabel, `${k}=${v}`, item);
    }
  }

  /** How many applications the instance has. */
  get size(): number {
    return this.byKey.size;
  }

  /** Applications with this name (in `appNamespace` if given, else in any namespace). */
  findByName(name: string, appNamespace?: string): IndexedApp[] {
    const items = this.byName.get(name) ?? [];
    return appNamespace
      ? items.filter(i => i.entry.namespace === appNamespace)
      : items;
  }

  /** Applications matching every requirement (in `appNamespace` if given). */
  findBySelector(
    requirements: LabelRequirement[],
    appNamespace?: string,
  ): IndexedApp[] {
    let candidates: IndexedApp[] | undefined;
    for (const r of requirements) {
      if (r.op === 'in' && r.values.length === 1) {
        const hit = this.byLabel.get(`${r.key}=${r.values[0]}`) ?? [];
        if (!candidates || hit.length < candidates.length) candidates = hit;
      }
    }
    return (candidates ?? [...this.byKey.values()]).filter(
      i =>
        (!appNamespace || i.entry.namespace === appNamespace) &&
        matchesLabels(requirements, i.entry.labels),
    );
  }

  /** {@link AppIndex.findByName}, parsed. */
  byAppName(name: string, appNamespace?: string): ArgoApplication[] {
    return this.findByName(name, appNamespace).map(i => i.app);
  }

  /** {@link AppIndex.findBySelector}, parsed. */
  bySelector(
    requirements: LabelRequirement[],
    appNamespace?: string,
  ): ArgoApplication[] {
    return this.findBySelector(requirements, appNamespace).map(i => i.app);
  }
}

function push(map: Map<string, IndexedApp[]>, key: string, item: IndexedApp) {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

function pull(map: Map<string, IndexedApp[]>, key: string, item: IndexedApp) {
  const list = map.get(key);
  if (!list) return;
  const at = list.indexOf(item);
  if (at >= 0) list.splice(at, 1);
  if (list.length === 0) map.delete(key);
}
