/*
 * The benches' viewer identity: a Backstage user token from the guest provider (GET
 * /api/auth/guest/refresh, as the app does on load), checked to be the catalog User with its
 * team, so a token issued without the catalog entity fails the bench.
 */
import { requestJson } from './httpJson';

export interface GuestSession {
  token: string;
  identity: { userEntityRef: string; ownershipEntityRefs: string[] };
}

/** Signs in as the guest; throws on any answer without a token and identity. */
export async function guestSignIn(baseUrl: string): Promise<GuestSession> {
  const res = await requestJson(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  const { token, identity } = res.body?.backstageIdentity ?? {};
  if (res.status !== 200 || !token || !identity)
    throw new Error(`guest sign-in answered ${res.status} without a token`);
  return { token, identity };
}

/** Whether the session is `userRef`'s with `groupRef` among its ownership refs. */
export function isCatalogUser(
  session: GuestSession,
  userRef: string,
  groupRef: string,
): boolean {
  return (
    session.identity.userEntityRef === userRef &&
    session.identity.ownershipEntityRefs.includes(groupRef)
  );
}
