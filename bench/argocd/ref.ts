/*
 * BENCH_ARGOCD_REF=<git ref>: measure Portico's argocd-backend as it is at that commit instead of
 * the working tree (e.g. `HEAD` while the working tree is mid-change, or an older commit to
 * compare). The plugin's files at the ref are written once to a temp dir
 * (`git archive <ref> plugins/argocd-backend`); the backend child resolves the package to it
 * (resolvePluginTo: its code and migrations) and every other package from the repo's
 * node_modules (NODE_PATH). Everything else (the
 * fakes, the other plugins, the app) stays the working tree's.
 */
import { execFileSync } from 'node:child_process';
import Module from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO } from './settings';

let extracted: { dir: string; sha: string } | undefined;

/** The plugin's directory at BENCH_ARGOCD_REF (extracted on first use), or undefined. */
export function pluginAtRef(): { dir: string; sha: string } | undefined {
  const ref = process.env.BENCH_ARGOCD_REF;
  if (!ref) return undefined;
  if (extracted) return extracted;
  const sha = execFileSync(
    'git',
    ['rev-parse', '--verify', `${ref}^{commit}`],
    {
      cwd: REPO,
      encoding: 'utf8',
    },
  ).trim();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `bench-argocd-ref-`));
  const tar = execFileSync(
    'git',
    ['archive', '--format=tar', sha, 'plugins/argocd-backend'],
    { cwd: REPO, maxBuffer: 256 * 1024 * 1024 },
  );
  execFileSync('tar', ['-x', '-C', root], { input: tar });
  process.on('exit', () => fs.rmSync(root, { recursive: true, force: true }));
  extracted = { dir: path.join(root, 'plugins/argocd-backend'), sha };
  return extracted;
}

/** The child's environment for the plugin at the ref (none without BENCH_ARGOCD_REF). */
export function refEnv(): Record<string, string> {
  const at = pluginAtRef();
  if (!at) return {};
  return {
    BENCH_ARGOCD_PLUGIN_DIR: at.dir,
    NODE_PATH: path.join(REPO, 'node_modules'),
  };
}

const PACKAGE = '@internal/plugin-argocd-backend';

/**
 * In the backend child: `@internal/plugin-argocd-backend` (and its subpaths, e.g. the
 * package.json through which the framework finds its migrations) resolves to `dir`, not to the
 * workspace package, so the code and its migrations are those of the ref.
 */
export function resolvePluginTo(dir: string) {
  const m = Module as any;
  const resolve = m._resolveFilename;
  m._resolveFilename = function resolveAtRef(request: string, ...rest: any[]) {
    const mapped =
      request === PACKAGE || request.startsWith(`${PACKAGE}/`)
        ? path.join(dir, request.slice(PACKAGE.length))
        : request;
    return resolve.call(this, mapped, ...rest);
  };
}
