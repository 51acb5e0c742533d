import type { ArgoApplication } from '../upstream/ArgoCdClient';
import { LabelRequirement, matchesLabels } from './labelSelector';

/**
 * The applications of one instance, indexed by name and by `label=value`, so an entity lookup
 * is a map access rather than a scan or an upstream call.
 */
export class AppIndex {
  private readonly byName = new Map<string, ArgoApplication[]>();
  private readonly byLabel = new Map<string, ArgoApplication[]>();

  constructor(readonly apps: ArgoApplication[]) {
    for (const app of apps) {
      push(this.byName, app.metadata.name, app);
      for (const [k, v] of Object.entries(app.metadata.labels ?? {})) {
        push(this.byLabel, `${k}=${v}`, app);
      }
    }
  }

  /** Applications with this name (in `appNamespace` if given, else in any namespace). */
  byAppName(name: string, appNamespace?: string): ArgoApplication[] {
    const apps = this.byName.get(name) ?? [];
    return appNamespace
      ? apps.filter(a => a.metadata.namespace === appNamespace)
      : apps;
  }

  /** Applications matching every requirement (in `appNamespace` if given). */
  bySelector(
    requirements: LabelRequirement[],
    appNamespace?: string,
  ): ArgoApplication[] {
    let candidates: ArgoApplication[] = this.apps;
    for (const r of requirements) {
      if (r.op === 'in' && r.values.length === 1) {
        const hit = this.byLabel.get(`${r.key}=${r.values[0]}`) ?? [];
        if (hit.length < candidates.length) candidates = hit;
      }
    }
    return candidates.filter(
      a =>
        (!appNamespace || a.metadata.namespace === appNamespace) &&
        matchesLabels(requirements, a.metadata.labels),
    );
  }
}

function push(
  map: Map<string, ArgoApplication[]>,
  key: string,
  app: ArgoApplication,
) {
  const list = map.get(key);
  if (list) list.push(app);
  else map.set(key, [app]);
}
