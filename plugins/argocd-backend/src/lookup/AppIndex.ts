import type { ArgoApplication } from '../upstream/ArgoCdClient';
import type { AppEntry, ListEntries } from './AppEntry';
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
 * The applications of one instance, indexed by name and by `label=value`, so an entity lookup
 * is a map access rather than a scan or an upstream call. Built from the entries the list parser
 * hands over (no application body is parsed on the event loop until it is looked up).
 */
export class AppIndex {
  private readonly all: IndexedApp[];
  private readonly byName = new Map<string, IndexedApp[]>();
  private readonly byLabel = new Map<string, IndexedApp[]>();

  /**
   * @param entries - the applications in list order; a number N stands for the unchanged
   * application at position N of `previous`, which keeps its parsed body (and whatever was
   * derived from that object, e.g. prepared responses).
   */
  constructor(entries: ListEntries, previous?: AppIndex) {
    this.all = entries.map(e => {
      if (typeof e !== 'number') return new IndexedApp(e);
      const kept = previous?.all[e];
      if (!kept) {
        throw new Error(
          `application list refers to position ${e} of a previous list it does not have`,
        );
      }
      return kept;
    });
    for (const item of this.all) {
      push(this.byName, item.entry.name, item);
      for (const [k, v] of Object.entries(item.entry.labels)) {
        push(this.byLabel, `${k}=${v}`, item);
      }
    }
  }

  /** How many applications the instance has. */
  get size(): number {
    return this.all.length;
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
    let candidates = this.all;
    for (const r of requirements) {
      if (r.op === 'in' && r.values.length === 1) {
        const hit = this.byLabel.get(`${r.key}=${r.values[0]}`) ?? [];
        if (hit.length < candidates.length) candidates = hit;
      }
    }
    return candidates.filter(
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
