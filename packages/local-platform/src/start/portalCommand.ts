import { dirname, join } from 'node:path';

/** A command as an argv array (never a shell string), with its directory and environment. */
export interface PortalCommand {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface PortalCommandOptions {
  repoRoot: string;
  /** The generated config of the started peers (absolute), loaded after the development config. */
  generatedConfig: string;
  /** More `--config` files the caller gave make start / yarn start, loaded last. */
  extraConfigs?: string[];
  /** A directory to put first on PATH (the mkdocs link), if any. */
  pathFirst?: string;
  env?: NodeJS.ProcessEnv;
  nodePath?: string;
}

/**
 * What the portal runs: `backstage-cli repo start` (frontend dev server and backend) with the
 * configs of the old `yarn start` plus the generated one. backstage-cli starts each package in
 * its directory (packages/app, packages/backend), so the repository's configs are ../../ paths;
 * the generated one is absolute. The browser is not opened (BROWSER=none): the dev server is up
 * before the backend has ingested the catalog, and make start prints the URL once both are.
 */
export function portalCommand(options: PortalCommandOptions): PortalCommand {
  const nodePath = options.nodePath ?? process.execPath;
  const env = options.env ?? process.env;
  const configs = [
    '../../app-config.yaml',
    '../../app-config.development.yaml',
    options.generatedConfig,
    ...(options.extraConfigs ?? []),
  ];
  return {
    command: nodePath,
    args: [
      join(
        options.repoRoot,
        'node_modules',
        '@backstage',
        'cli',
        'bin',
        'backstage-cli',
      ),
      'repo',
      'start',
      ...configs.flatMap(config => ['--config', config]),
    ],
    cwd: options.repoRoot,
    env: {
      ...env,
      PATH: [options.pathFirst, dirname(nodePath), env.PATH]
        .filter(Boolean)
        .join(':'),
      BROWSER: 'none',
      FORCE_COLOR: '0',
    },
  };
}

/** The `--config <file>` / `--config=<file>` arguments of make start's own command line. */
export function configArgs(argv: string[]): string[] {
  const configs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--config' && i + 1 < argv.length) configs.push(argv[++i]);
    else if (arg.startsWith('--config=')) configs.push(arg.slice(9));
    else
      throw new Error(
        `make start: unknown argument ${arg} (only --config <file>)`,
      );
  }
  return configs;
}
