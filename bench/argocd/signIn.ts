/*
 * The viewers' identity: a Backstage user token the backend's auth plugin issues through the
 * guest provider for the catalog User VIEWER_USER (signInWithCatalogUser: the identity's
 * ownership holds the user's groups from the catalog, which is checked, so a token issued
 * without the catalog entity fails the bench), and the wait until the catalog holds the bench's entities.
 */
import { guestSignIn, isCatalogUser } from '../lib/guestSignIn';
import { requestJson } from '../lib/httpJson';
import { VIEWER_GROUP, VIEWER_USER } from './catalog';

/** Signs in as the bench's catalog User (the guest provider's refresh) and returns its token. */
export async function signIn(base: string): Promise<string> {
  const session = await guestSignIn(base);
  if (!isCatalogUser(session, VIEWER_USER, VIEWER_GROUP))
    throw new Error(
      `sign-in gave ${session.identity.userEntityRef} with ${JSON.stringify(
        session.identity.ownershipEntityRefs,
      )}, not the catalog User ${VIEWER_USER} of ${VIEWER_GROUP}`,
    );
  return session.token;
}

/**
 * Whether the catalog holds the bench's `count` Components and has stitched them to their owners
 * (every team Group owns count/20 of them): the first processing and stitching of the file
 * location, which would otherwise run beside the measurement, is over.
 */
export async function catalogSettled(
  base: string,
  token: string,
  count: number,
): Promise<boolean> {
  const headers = { authorization: `Bearer ${token}` };
  const components = await requestJson(
    `${base}/api/catalog/entities/by-query?filter=kind=component&limit=1`,
    { headers },
  );
  if (components.status !== 200 || components.body?.totalItems !== count)
    return false;
  const groups = await requestJson(
    `${base}/api/catalog/entities/by-query?filter=kind=group&limit=100&fields=relations`,
    { headers },
  );
  const items: Array<{ relations?: Array<{ type: string }> }> =
    groups.body?.items ?? [];
  return (
    groups.status === 200 &&
    items.length === 20 &&
    items.every(
      g =>
        (g.relations ?? []).filter(r => r.type === 'ownerOf').length ===
        count / 20,
    )
  );
}
