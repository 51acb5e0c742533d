import { dirname, join, relative, resolve } from 'node:path';

/** The repository root: this package is packages/local-platform. */
export const repoRoot = resolve(
  dirname(require.resolve('@internal/local-platform/package.json')),
  '..',
  '..',
);

/** Where make start keeps what it writes (ignored by Git: .cache/ in .gitignore). */
export const startCacheDir = join(repoRoot, '.cache', 'local-platform');

/** The portal's config for the started peers (LocalPlatform.writeBackendConfig), loaded last. */
export const generatedConfigFile = join(
  startCacheDir,
  'app-config.local-platform.yaml',
);

/** The portal's output (frontend dev server and backend), overwritten by every make start. */
export const portalLogFile = join(startCacheDir, 'portal.log');

/** A path as the banner shows it: relative to the repository root. */
export function fromRoot(path: string): string {
  return relative(repoRoot, path);
}
