/*
 * When the e2e portal is "up": the backend answers its readiness endpoint and the catalog holds
 * the entities the journeys rely on.
 */
import { guestToken } from './guest.ts';
import { waitFor } from './workspace.ts';

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
  const outcome = await waitFor(
    `${url}/.backstage/health/v1/readiness`,
    async () => {
      const dead = opts.isDead?.();
      if (dead) return { dead };
      const res = await fetch(`${url}/.backstage/health/v1/readiness`, {
        signal: AbortSignal.timeout(2_000),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return { dead: undefined };
    },
    { timeoutMs: opts.timeoutMs ?? 180_000, intervalMs: 250 },
  );
  if (outcome.dead)
    throw new Error(`backend exited before it was ready (${outcome.dead})`);
}

interface EntityRow {
  kind: string;
  metadata: { name: string; namespace?: string };
  relations?: { type: string; targetRef: string }[];
}

/**
 * Waits until the catalog holds `refs` (with their relations stitched) and the number of entities
 * has stopped changing for a few polls, i.e. the example catalog is ingested. Returns that number.
 */
export async function waitForCatalog(
  url: string,
  opts: WaitOptions & { refs?: string[] } = {},
): Promise<number> {
  const refs = opts.refs ?? exampleEntityRefs;
  let token = await guestToken(url);
  let counts: number[] = [];
  const outcome = await waitFor(
    `the catalog to ingest ${refs.join(', ')}`,
    async () => {
      const dead = opts.isDead?.();
      if (dead) return { dead, total: 0 };
      const res = await fetch(
        `${url}/api/catalog/entities/by-query?limit=1000&fields=kind,metadata.name,metadata.namespace,relations`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      if (res.status === 401) token = await guestToken(url);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const body = (await res.json()) as {
        items: EntityRow[];
        totalItems: number;
      };
      const have = new Map(
        body.items.map(e => [
          `${e.kind}:${e.metadata.namespace ?? 'default'}/${
            e.metadata.name
          }`.toLowerCase(),
          e,
        ]),
      );
      const missing = refs.filter(
        r => !have.get(r.toLowerCase())?.relations?.length,
      );
      counts = [...counts, body.totalItems].slice(-4);
      const stable = counts.length === 4 && counts.every(c => c === counts[0]);
      if (missing.length === 0 && stable)
        return { dead: undefined, total: body.totalItems };
      throw new Error(
        `missing ${missing.join(', ') || '-'}, entity counts ${counts.join(
          ' -> ',
        )}`,
      );
    },
    { timeoutMs: opts.timeoutMs ?? 180_000, intervalMs: 1_000 },
  );
  if (outcome.dead)
    throw new Error(
      `backend exited while waiting for the catalog (${outcome.dead})`,
    );
  return outcome.total;
}
