import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { teamOfGroupRef } from '@internal/plugin-portico-node';
import { parseAllDocuments } from 'yaml';

/**
 * The repository root: the nearest folder at or above `from` (default: this package's folder)
 * that holds catalog/all.yaml.
 */
export function findRepoRoot(
  from: string = dirname(
    require.resolve('@internal/local-platform/package.json'),
  ),
): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'catalog', 'all.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`no catalog/all.yaml in any folder above ${from}`);
    dir = parent;
  }
}

/** One Argo CD application the example catalog names, with the team owning its entity. */
export interface CatalogApp {
  name: string;
  /** The team of the entity's spec.owner (a group ref), when it has one. */
  team?: string;
}

function appsOfFile(text: string, path: string): CatalogApp[] {
  const apps: CatalogApp[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) throw new Error(`${path}: ${doc.errors[0].message}`);
    const entity = doc.toJS() as any;
    const name = entity?.metadata?.annotations?.['argocd/app-name'];
    if (typeof name !== 'string' || !name) continue;
    const owner = entity?.spec?.owner;
    apps.push({
      name,
      team: typeof owner === 'string' ? teamOfGroupRef(owner) : undefined,
    });
  }
  return apps;
}

/**
 * Every `argocd/app-name` annotation in the catalog files given: folders (YAML files, any depth)
 * or single files, with the team owning its entity (`spec.owner` of the same document), sorted
 * by name.
 */
export function catalogApps(paths: string | string[]): CatalogApp[] {
  const byName = new Map<string, CatalogApp>();
  const read = (path: string) => {
    for (const app of appsOfFile(readFileSync(path, 'utf8'), path))
      byName.set(app.name, app);
  };
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder).sort()) {
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(entry)) read(path);
    }
  };
  for (const path of [paths].flat()) {
    if (statSync(path).isDirectory()) walk(path);
    else read(path);
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The example organisation's catalog files: catalog/ and the repository's own
 * catalog-info.yaml (the portal itself, deployed by Argo CD too).
 */
export function exampleCatalogPaths(root: string = findRepoRoot()): string[] {
  return [join(root, 'catalog'), join(root, 'catalog-info.yaml')];
}
