/*
 * The production build of make prod-local, as docker/Dockerfile makes it: `yarn --cwd
 * packages/backend build` (backstage-cli: the backend bundle, with the app built into it), the
 * bundle unpacked into a directory laid out like the image's /app. Docker cannot run here, so
 * instead of `yarn workspaces focus --production` the bundle's packages are linked from its own
 * node_modules and their third-party dependencies come from the repository's install (same lockfile).
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

/** What the image copies next to the bundle (Dockerfile stage 3), linked from the repository. */
const IMAGE_FILES = [
  'app-config.yaml',
  'app-config.production.yaml',
  'catalog-info.yaml',
  'templates',
  'mkdocs.yml',
  'docs',
];

/** The folders whose sources go into the bundle. */
const SOURCE_DIRS = ['packages/app', 'packages/backend', 'plugins'];

function newestSourceMtime(repoRoot: string): number {
  const listed = spawnSync(
    'git',
    [
      'ls-files',
      '-z',
      '--cached',
      '--others',
      '--exclude-standard',
      ...SOURCE_DIRS,
    ],
    { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (listed.status !== 0) return Number.POSITIVE_INFINITY;
  let newest = 0;
  for (const file of [
    ...listed.stdout.split('\0').filter(Boolean),
    'yarn.lock',
    'package.json',
  ]) {
    try {
      newest = Math.max(newest, statSync(join(repoRoot, file)).mtimeMs);
    } catch {
      // deleted in the work tree: not part of the build
    }
  }
  return newest;
}

function mtime(file: string): number {
  return existsSync(file) ? statSync(file).mtimeMs : 0;
}

/**
 * Builds the backend bundle unless packages/backend/dist/bundle.tar.gz is newer than every source
 * file of the app, the backend and the plugins. Returns whether it built.
 */
export function buildIfStale(
  repoRoot: string,
  log: (line: string) => void,
): boolean {
  const bundle = join(repoRoot, 'packages/backend/dist/bundle.tar.gz');
  if (mtime(bundle) > newestSourceMtime(repoRoot)) {
    log('the backend bundle is up to date (packages/backend/dist)');
    return false;
  }
  log('building app and backend as the Dockerfile does: yarn build:backend');
  const built = spawnSync(
    process.execPath,
    [
      join(repoRoot, 'node_modules/@backstage/cli/bin/backstage-cli'),
      'package',
      'build',
    ],
    {
      cwd: join(repoRoot, 'packages/backend'),
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (built.status !== 0)
    throw new Error(`the backend build failed (exit ${built.status})`);
  return true;
}

function link(target: string, path: string) {
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(target, path);
}

/**
 * Unpacks bundle.tar.gz into `dir` (again only when the tarball is newer than the last unpack),
 * links each bundled package from dir/node_modules and the image's files from the repository.
 * Returns `dir`, the working directory of the replicas (the image's /app).
 */
export function unpackBundle(repoRoot: string, dir: string): string {
  const bundle = join(repoRoot, 'packages/backend/dist/bundle.tar.gz');
  const stamp = join(dir, '.unpacked');
  if (existsSync(stamp) && mtime(stamp) >= mtime(bundle)) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const tar = spawnSync('tar', ['xzf', bundle, '-C', dir], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (tar.status !== 0)
    throw new Error(`tar xzf ${bundle}: exit ${tar.status}`);
  for (const group of ['packages', 'plugins']) {
    const groupDir = join(dir, group);
    if (!existsSync(groupDir)) continue;
    for (const name of readdirSync(groupDir)) {
      const pkgDir = join(groupDir, name);
      const pkgJson = join(pkgDir, 'package.json');
      if (!existsSync(pkgJson)) continue;
      const pkgName = JSON.parse(readFileSync(pkgJson, 'utf8')).name as string;
      link(pkgDir, join(dir, 'node_modules', pkgName));
    }
  }
  for (const file of IMAGE_FILES) link(join(repoRoot, file), join(dir, file));
  writeFileSync(stamp, new Date().toISOString());
  return dir;
}
