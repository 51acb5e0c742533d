import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** A component of the example catalog that runs in a namespace of its team. */
export interface CatalogWorkload {
  /** The component's name. */
  name: string;
  /** Its app label value: backstage.io/kubernetes-id, or the name. */
  app: string;
  namespace: string;
}

function workloadsOfFile(text: string, path: string): CatalogWorkload[] {
  const found: CatalogWorkload[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) throw new Error(`${path}: ${doc.errors[0].message}`);
    const entity = doc.toJS() as any;
    if (entity?.kind !== 'Component') continue;
    const annotations = entity.metadata?.annotations ?? {};
    const namespace = annotations['backstage.io/kubernetes-namespace'];
    if (typeof namespace !== 'string' || !namespace) continue;
    const name = String(entity.metadata.name);
    found.push({
      name,
      app: annotations['backstage.io/kubernetes-id'] ?? name,
      namespace,
    });
  }
  return found;
}

/**
 * Every Component of the catalog folder with a `backstage.io/kubernetes-namespace` (the namespace
 * the local config gives its team), sorted by name.
 */
export function catalogWorkloads(folder: string): CatalogWorkload[] {
  const byName = new Map<string, CatalogWorkload>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(entry)) {
        for (const w of workloadsOfFile(readFileSync(path, 'utf8'), path)) {
          byName.set(w.name, w);
        }
      }
    }
  };
  walk(folder);
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}
