/*
 * The local platform as a child process, for callers that cannot import this CommonJS TS package
 * (e2e/ and bench/ are ESM) or want it in its own process (make start):
 *
 *   node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs \
 *     packages/local-platform/src/main.ts --peers git,observability --ports free \
 *     --backend-url http://localhost:7007 [--app-url URL] [--config-out FILE] [--live-changes] \
 *     [--check-free app,backend]
 *
 * Prints ONE line of JSON on stdout once every peer is up: the LocalPlatform fields (git, argocd,
 * observability, argoEvents, dex, users, backendConfig) plus configFile, the YAML written for the
 * backend's --config (--config-out, or a temporary file removed on stop). Logs go to stderr.
 * Stops everything on SIGTERM, SIGINT, or its stdin closing when stdin is a pipe (the parent
 * died); a terminal or /dev/null as stdin is not watched.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LOCAL_PORTS, type LocalPortName } from './ports';
import { assertPortsFree, fixedPorts } from './portsFree';
import { startLocalPlatform } from './startLocalPlatform';
import {
  PEER_NAMES,
  type LocalPlatform,
  type LocalPlatformDescription,
} from './types';

function list<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
): T[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').filter(Boolean);
  const unknown = items.filter(item => !allowed.includes(item as T));
  if (unknown.length > 0) {
    throw new Error(
      `--${flag}: unknown ${unknown.join(', ')} (one of ${allowed.join(', ')})`,
    );
  }
  return items as T[];
}

async function main() {
  const { values } = parseArgs({
    options: {
      peers: { type: 'string' },
      ports: { type: 'string', default: 'free' },
      'backend-url': { type: 'string' },
      'app-url': { type: 'string' },
      'config-out': { type: 'string' },
      'live-changes': { type: 'boolean', default: false },
      'check-free': { type: 'string' },
    },
    strict: true,
  });
  const ports = values.ports;
  if (ports !== 'free' && ports !== 'fixed') {
    throw new Error(`--ports: free or fixed, not ${ports}`);
  }
  const backendUrl = values['backend-url'];
  if (!backendUrl) throw new Error('--backend-url is required');
  const peers = list('peers', values.peers, PEER_NAMES) ?? [...PEER_NAMES];
  const alsoFree = list(
    'check-free',
    values['check-free'],
    Object.keys(LOCAL_PORTS) as LocalPortName[],
  );
  const log = (line: string) =>
    process.stderr.write(`[local-platform] ${line}\n`);

  if (ports === 'fixed' || alsoFree) {
    // one message for every taken port, the portal's own (--check-free) included
    await assertPortsFree(
      fixedPorts([...(ports === 'fixed' ? peers : []), ...(alsoFree ?? [])]),
    );
  }
  // a signal or the parent going away during the start stops what started once it is up
  const state: {
    platform?: LocalPlatform;
    stopRequested?: string;
    tempDir?: string;
  } = {};
  const stop = async (why: string) => {
    if (state.stopRequested && !state.platform) return;
    state.stopRequested ??= why;
    if (!state.platform) return;
    log(`stopping (${why})`);
    await state.platform.stop();
    if (state.tempDir) {
      fs.rmSync(state.tempDir, { recursive: true, force: true });
    }
    process.exit(0);
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  const stdin = fs.fstatSync(0);
  if (stdin.isFIFO() || stdin.isSocket()) {
    process.stdin.once('end', () => stop('stdin closed'));
    process.stdin.resume();
  }

  const platform = await startLocalPlatform({
    peers,
    ports,
    backendUrl,
    appUrl: values['app-url'],
    liveChanges: values['live-changes'],
    log,
  });
  state.platform = platform;
  if (state.stopRequested) {
    await stop(state.stopRequested);
    return;
  }

  if (!values['config-out']) {
    state.tempDir = fs.mkdtempSync(
      path.join(os.tmpdir(), 'portico-local-platform-'),
    );
  }
  const configFile = path.resolve(
    values['config-out'] ??
      path.join(state.tempDir!, 'app-config.local-platform.yaml'),
  );
  try {
    platform.writeBackendConfig(configFile);
  } catch (error) {
    await platform.stop();
    throw error;
  }
  const fields: LocalPlatformDescription = {
    git: platform.git,
    argocd: platform.argocd,
    observability: platform.observability,
    argoEvents: platform.argoEvents,
    dex: platform.dex,
    users: platform.users,
    backendConfig: platform.backendConfig,
  };
  process.stdout.write(`${JSON.stringify({ ...fields, configFile })}\n`);
  log(`up: ${peers.join(', ')} (config for the backend: ${configFile})`);
}

main().catch(error => {
  process.stderr.write(
    `[local-platform] ${error instanceof Error ? error.message : error}\n`,
  );
  process.exit(1);
});
