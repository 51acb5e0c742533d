/*
 * The built frontend the e2e backend serves (@backstage/plugin-app-backend; app.baseUrl ==
 * backend.baseUrl in e2e/app-config.e2e.yaml): `yarn workspace app build` when
 * packages/app/dist/index.html is missing or older than the app sources.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
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

/** Why the frontend must be (re)built, or undefined when packages/app/dist is usable. */
export function appBuildReason(
  mode: 'if-stale' | 'if-missing' = 'if-stale',
): string | undefined {
  const index = join(appDir, 'dist', 'index.html');
  if (!existsSync(index)) return 'packages/app/dist/index.html is missing';
  if (mode === 'if-missing') return undefined;
  const built = statSync(index).mtimeMs;
  const sources = ['src', 'public', 'package.json']
    .map(p => join(appDir, p))
    .filter(p => existsSync(p));
  const newest = Math.max(...sources.map(newestMtime));
  if (newest > built)
    return 'packages/app sources are newer than packages/app/dist';
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
