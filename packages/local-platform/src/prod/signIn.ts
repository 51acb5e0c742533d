/*
 * Real sign-in on make prod-local: the authorization code round trip through the balancer's
 * /api/auth/dex/start, the Dex-like provider's login page and /handler/frame, then /refresh
 * with the session cookie (as the app does on every load), in production's auth environment.
 */
import { signInAndRefresh } from '@internal/plugin-auth-backend-module-dex-provider/testUtils';
import { waitFor } from '@internal/plugin-portico-node/testUtils';
import type { LocalUser } from '../types';

export interface Session {
  login: string;
  token: string;
  userEntityRef: string;
  ownershipEntityRefs: string[];
}

/** Signs `user` in; throws when the frame or the refresh carry no Backstage identity. */
export async function signIn(
  baseUrl: string,
  user: LocalUser,
): Promise<Session> {
  const { frame, refresh } = await signInAndRefresh({
    backendBaseUrl: baseUrl,
    provider: 'dex',
    env: 'production',
    login: user.login,
    password: user.password,
  });
  if ('error' in frame)
    throw new Error(`sign-in of ${user.login}: ${frame.error.message}`);
  if (refresh.status !== 200)
    throw new Error(`refresh of ${user.login}: HTTP ${refresh.status}`);
  const identity = frame.response.backstageIdentity;
  return {
    login: user.login,
    token: identity.token,
    userEntityRef: identity.identity.userEntityRef,
    ownershipEntityRefs: identity.identity.ownershipEntityRefs,
  };
}

/**
 * Waits until every user signs in (their User entities are ingested) and the catalog's entity
 * count has stayed the same for three polls a second apart. Returns the sessions and the count.
 */
export async function waitForIngestion(
  baseUrl: string,
  users: LocalUser[],
  timeoutMs = 300_000,
): Promise<{ sessions: Session[]; entities: number }> {
  const sessions = await waitFor(
    'every local user to sign in through Dex',
    () => Promise.all(users.map(u => signIn(baseUrl, u))),
    { timeoutMs, intervalMs: 2_000 },
  );
  const counts: number[] = [];
  const entities = await waitFor(
    'the catalog to settle',
    async () => {
      const res = await fetch(
        `${baseUrl}/api/catalog/entities/by-query?limit=1&fields=kind`,
        { headers: { authorization: `Bearer ${sessions[0].token}` } },
      );
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const { totalItems } = (await res.json()) as { totalItems: number };
      counts.push(totalItems);
      const last = counts.slice(-3);
      return last.length === 3 && last.every(c => c === last[0]) && totalItems;
    },
    { timeoutMs, intervalMs: 1_000 },
  );
  return { sessions, entities };
}
