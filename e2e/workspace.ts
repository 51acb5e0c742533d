/*
 * Workspace packages for the e2e scripts. They run as plain Node (type stripping), which cannot
 * load a workspace package's TypeScript sources (extensionless imports); Backstage's node
 * transform, which `backstage-cli package start` uses too, can. It is registered here, for this
 * process only, before the first workspace package is required.
 */
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

/** The repository's root (this folder's parent). */
export const repoRoot = resolve(import.meta.dirname, '..');

const require = createRequire(import.meta.url);
require(join(repoRoot, 'node_modules/@backstage/cli/config/nodeTransform.cjs'));

export const { freePort, freeStablePort, waitFor } =
  require('@internal/plugin-portico-node/testUtils') as typeof import('@internal/plugin-portico-node/testUtils');

/** Stopping a process group (SIGTERM, SIGKILL after a grace period), as make start does. */
export const processGroup =
  require('@internal/local-platform/processGroup') as typeof import('@internal/local-platform/processGroup');

/** How a portal is waited for (backend readiness, the catalog ingested) and the guest's token. */
export const readiness =
  require('@internal/local-platform/readiness') as typeof import('@internal/local-platform/readiness');
