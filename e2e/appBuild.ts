/*
 * The built frontend the e2e backend serves (@backstage/plugin-app-backend; app.baseUrl ==
 * backend.baseUrl in e2e/app-config.e2e.yaml): `yarn workspace app build` when
 * packages/app/dist/index.html is missing or older than the sources of the app and of the frontend
 * plugins and libraries it bundles.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { defaultLog, repoRoot } from './processes.ts';

const appDir = join(repoRoot, 'packages', 'app');

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) {
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

/** Roles of the packages the bundle is built from, besides packages/app. */
const BUNDLED_ROLES = new Set([
  'frontend-plugin',
  'frontend-plugin-module',
  'web-library',
  'common-library',
]);

/** The src folders of the workspace's plugins that end up in the bundle. */
function bundledPluginSources(): string[] {
  const plugins = join(repoRoot, 'plugins');
  return readdirSync(plugins).flatMap(name => {
    const manifest = join(plugins, name, 'package.json');
    if (!existsSync(manifest)) return [];
    const role = JSON.parse(readFileSync(manifest, 'utf8')).backstage?.role;
    return BUNDLED_ROLES.has(role) ? [join(plugins, name, 'src')] : [];
  });
}

/** Why the frontend must be (re)built, or undefined when packages/app/dist is usable. */
export function appBuildReason(
  mode: 'if-stale' | 'if-missing' = 'if-stale',
): string | undefined {
  const index = join(appDir, 'dist', 'index.html');
  if (!existsSync(index)) return 'packages/app/dist/index.html is missing';
  if (mode === 'if-missing') return undefined;
  const built = statSync(index).mtimeMs;
  const sources = [
    ...['src', 'public', 'package.json'].map(p => join(appDir, p)),
    ...bundledPluginSources(),
  ].filter(p => existsSync(p));
  const newest = Math.max(...sources.map(newestMtime));
  if (newest > built)
    return 'packages/app or frontend plugin sources are newer than packages/app/dist';
  return undefined;
}

export function ensureAppBuilt(
  mode: 'if-stale' | 'if-missing' = 'if-stale',
  log: (line: string) => void = defaultLog,
): void {
  const reason = appBuildReason(mode);
  if (!reason) return;
  log(`${reason}: yarn workspace app build (takes a few minutes)`);
  const started = performance.now();
  const result = spawnSync('yarn', ['workspace', 'app', 'build'], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) {
    throw new Error(
      `yarn workspace app build failed (exit ${
        result.status ?? result.signal
      })`,
    );
  }
  log(
    `frontend built in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
}
