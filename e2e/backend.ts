/*
 * The e2e backend process: packages/backend with app-config.yaml, app-config.development.yaml,
 * e2e/app-config.e2e.yaml and last the local platform's generated config (peers.ts), in its own
 * process group. `backstage-cli package start` runs the backend with cwd packages/backend, so
 * relative config paths are relative to that directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, trackTempDir } from './processes.ts';

/** The backend's --config arguments, `extraConfigs` (absolute paths) last. */
function configArgs(extraConfigs: string[]): string[] {
  return [
    '../../app-config.yaml',
    '../../app-config.development.yaml',
    '../../e2e/app-config.e2e.yaml',
    ...extraConfigs,
  ].flatMap(file => ['--config', file]);
}

/**
 * TechDocs runs `mkdocs` from PATH (`runIn: local`). A pyenv/venv mkdocs may not see Debian's
 * mkdocs-material, so put a directory holding only a `mkdocs` link to the system one first on PATH.
 * PORTICO_MKDOCS overrides the mkdocs to use. The caller removes the directory (removeTempDir).
 */
export function mkdocsPathDir(): string | undefined {
  const mkdocs = process.env.PORTICO_MKDOCS ?? '/usr/bin/mkdocs';
  if (!existsSync(mkdocs)) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'portico-mkdocs-'));
  trackTempDir(dir);
  symlinkSync(mkdocs, join(dir, 'mkdocs'));
  return dir;
}

/** The backend's environment: as highest-priority config, the portal's URL and port. */
export function backendEnv(
  url: string,
  port: number,
  mkdocsDir: string | undefined,
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: [mkdocsDir, process.env.PATH].filter(Boolean).join(':'),
    // Highest-priority config: the port picked by the caller (app-config.e2e.yaml says 7007).
    APP_CONFIG_app_baseUrl: url,
    APP_CONFIG_backend_baseUrl: url,
    APP_CONFIG_backend_listen_port: String(port),
    APP_CONFIG_backend_cors_origin: url,
    FORCE_COLOR: '0',
  };
}

/**
 * Spawns the backend, detached (own process group, so the whole tree can be signalled at once),
 * stdout and stderr to the open file descriptor `out`. `extraConfigs` come after the repository's
 * config files (the local platform's generated config).
 *
 * watch true: `yarn workspace backend start`, which restarts the backend when a source file it
 * loaded changes. watch false: what `backstage-cli package start` runs (its runBackend: node with
 * Backstage's loader, cwd packages/backend, src/index.ts), minus the watcher and IPC.
 */
export function spawnBackend(
  env: NodeJS.ProcessEnv,
  out: number,
  watch: boolean,
  extraConfigs: string[] = [],
): ChildProcess {
  if (watch) {
    return spawn(
      'yarn',
      ['workspace', 'backend', 'start', ...configArgs(extraConfigs)],
      {
        cwd: repoRoot,
        env,
        detached: true,
        stdio: ['ignore', out, out],
      },
    );
  }
  return spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      join(repoRoot, 'node_modules/@backstage/cli/config/nodeTransform.cjs'),
      'src/index.ts',
      ...configArgs(extraConfigs),
    ],
    {
      cwd: join(repoRoot, 'packages', 'backend'),
      env: {
        ...env,
        NODE_ENV: process.env.NODE_ENV ?? 'development',
        ESBK_TSCONFIG_PATH: join(repoRoot, 'tsconfig.json'),
      },
      detached: true,
      stdio: ['ignore', out, out],
    },
  );
}
