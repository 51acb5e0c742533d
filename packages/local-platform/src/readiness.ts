import { waitFor } from '@internal/plugin-portico-node/testUtils';

/**
 * Entities the example catalog must hold, relations stitched, before the portal is "ready": a
 * service, an owner and their team. (The development guest, catalog/guest.yaml, is a member of
 * no group and so has no relation to wait for; its token is what the wait signs in with.)
 */
export const exampleEntityRefs = [
  'component:default/payments-api',
  'group:default/payments-team',
  'user:default/bob',
];

export interface ReadinessOptions {
  /** Why the portal is gone, or undefined while it runs: ends a wait early. */
  isDead?: () => string | undefined;
  timeoutMs?: number;
}

/** The portal stopped while make start or the journeys waited for it (not worth waiting on). */
export class PortalGone extends Error {}

function alive(opts: ReadinessOptions, what: string): void {
  const dead = opts.isDead?.();
  if (dead) throw new PortalGone(`the portal stopped (${dead}) before ${what}`);
}

/** Waits with `probe`, giving up at once when the portal is gone. */
async function waitUnlessDead<T>(
  what: string,
  opts: ReadinessOptions,
  probe: () => Promise<T | undefined>,
  intervalMs: number,
): Promise<T> {
  let gone: PortalGone | undefined;
  const value = await waitFor(
    what,
    async () => {
      try {
        alive(opts, what);
      } catch (error) {
        gone = error as PortalGone;
        return gone;
      }
      return probe();
    },
    { timeoutMs: opts.timeoutMs ?? 300_000, intervalMs },
  );
  if (gone) throw gone;
  return value as T;
}

/** The backend answers its readiness endpoint. */
export async function waitForBackend(
  backendUrl: string,
  opts: ReadinessOptions,
): Promise<void> {
  await waitUnlessDead(
    `the backend (${backendUrl}/.backstage/health/v1/readiness)`,
    opts,
    async () => {
      const res = await fetch(`${backendUrl}/.backstage/health/v1/readiness`, {
        signal: AbortSignal.timeout(2_000),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return true;
    },
    250,
  );
}

/** A Backstage token of the development guest (auth.providers.guest), for the catalog API. */
export async function guestToken(backendUrl: string): Promise<string> {
  const res = await fetch(
    `${backendUrl}/api/auth/guest/refresh?env=development`,
    {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
      signal: AbortSignal.timeout(5_000),
    },
  );
  if (!res.ok) throw new Error(`guest sign-in: HTTP ${res.status}`);
  const body = (await res.json()) as { backstageIdentity?: { token?: string } };
  const token = body.backstageIdentity?.token;
  if (!token) throw new Error('guest sign-in returned no token');
  return token;
}

interface EntityRow {
  kind: string;
  metadata: { name: string; namespace?: string };
  relations?: unknown[];
}

/**
 * The example catalog is ingested: it holds `refs` with their relations and the number of
 * entities has not changed for `stablePolls` polls in a row (default 3). Returns that number.
 */
export async function waitForCatalog(
  backendUrl: string,
  opts: ReadinessOptions & { refs?: string[]; stablePolls?: number },
): Promise<number> {
  const refs = opts.refs ?? exampleEntityRefs;
  const stablePolls = opts.stablePolls ?? 3;
  let token: string | undefined;
  let counts: number[] = [];
  return waitUnlessDead(
    `the catalog to ingest ${refs.join(', ')}`,
    opts,
    async () => {
      token ??= await guestToken(backendUrl);
      const res = await fetch(
        `${backendUrl}/api/catalog/entities/by-query?limit=1000&fields=kind,metadata.name,metadata.namespace,relations`,
        {
          headers: { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(5_000),
        },
      );
      if (res.status === 401) token = undefined;
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const body = (await res.json()) as {
        items: EntityRow[];
        totalItems: number;
      };
      const stitched = new Set(
        body.items
          .filter(e => e.relations?.length)
          .map(e =>
            `${e.kind}:${e.metadata.namespace ?? 'default'}/${
              e.metadata.name
            }`.toLowerCase(),
          ),
      );
      const missing = refs.filter(r => !stitched.has(r.toLowerCase()));
      counts = [...counts, body.totalItems].slice(-stablePolls);
      if (
        missing.length === 0 &&
        counts.length === stablePolls &&
        counts.every(c => c === counts[0])
      )
        return body.totalItems;
      throw new Error(
        `missing ${missing.join(', ') || '-'}, entity counts ${counts.join(
          ' -> ',
        )}`,
      );
    },
    1_000,
  );
}

/** The frontend dev server answers with the app's page (it holds requests until it compiled). */
export async function waitForFrontend(
  appUrl: string,
  opts: ReadinessOptions,
): Promise<void> {
  await waitUnlessDead(
    `the frontend dev server (${appUrl})`,
    opts,
    async () => {
      const res = await fetch(appUrl, { signal: AbortSignal.timeout(60_000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      if (!(res.headers.get('content-type') ?? '').includes('text/html'))
        throw new Error(`content-type ${res.headers.get('content-type')}`);
      await res.arrayBuffer();
      return true;
    },
    1_000,
  );
}
