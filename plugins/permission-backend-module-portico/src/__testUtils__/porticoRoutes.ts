import fs from 'node:fs';
import path from 'node:path';

/**
 * Every HTTP route that a Portico backend plugin registers, as `METHOD /api/<pluginId><path>`,
 * found by reading the routers under `plugins/*-backend/src`. The access matrix must list each
 * one, so a route added without an access decision fails the test.
 */
export function porticoBackendRoutes(pluginsDir: string): string[] {
  const routes = new Set<string>();
  for (const name of fs.readdirSync(pluginsDir)) {
    const pkgFile = path.join(pluginsDir, name, 'package.json');
    if (!fs.existsSync(pkgFile)) continue;
    const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
    if (pkg.backstage?.role !== 'backend-plugin') continue;
    const pluginId: string = pkg.backstage.pluginId;
    for (const file of sourceFiles(path.join(pluginsDir, name, 'src'))) {
      const source = fs.readFileSync(file, 'utf8');
      for (const m of source.matchAll(
        /\b(?:router|app)\s*\.\s*(get|post|put|patch|delete)\s*\(\s*['"`]([^'"`]+)['"`]/g,
      )) {
        routes.add(`${m[1].toUpperCase()} /api/${pluginId}${m[2]}`);
      }
    }
  }
  return [...routes].sort();
}

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)
      ? [full]
      : [];
  });
}
