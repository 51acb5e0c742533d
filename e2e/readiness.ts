/*
 * When the e2e portal is "up": the backend answers its readiness endpoint and the catalog holds
 * the entities the journeys rely on. The waits are @internal/local-platform's (make start waits
 * with them too); this file names what the journeys wait for.
 */
import { readiness } from './workspace.ts';

/**
 * Entities the journeys rely on; the portal is not "up" before the catalog has them. The guest
 * signs in as sandbox-developer (e2e/app-config.e2e.yaml, e2e/catalog/sandbox.yaml): before the
 * catalog has the user and its membership, a guest token would own no team.
 */
export const exampleEntityRefs = [
  'component:default/payments-api',
  'api:default/payments-api',
  'user:default/sandbox-developer',
  'group:default/sandbox-team',
];

export interface WaitOptions {
  timeoutMs?: number;
  /** Why the backend is gone (e.g. 'exit 1'), or undefined while it runs: stops the wait early. */
  isDead?: () => string | undefined;
}

export async function waitForReadiness(
  url: string,
  opts: WaitOptions = {},
): Promise<void> {
  await readiness.waitForBackend(url, {
    isDead: opts.isDead,
    timeoutMs: opts.timeoutMs ?? 180_000,
  });
}

/**
 * Waits until the catalog holds `refs` (with their relations stitched) and the number of entities
 * has stopped changing for four polls, i.e. the example catalog is ingested. Returns that number.
 */
export async function waitForCatalog(
  url: string,
  opts: WaitOptions & { refs?: string[] } = {},
): Promise<number> {
  return readiness.waitForCatalog(url, {
    isDead: opts.isDead,
    timeoutMs: opts.timeoutMs ?? 180_000,
    refs: opts.refs ?? exampleEntityRefs,
    stablePolls: 4,
  });
}
