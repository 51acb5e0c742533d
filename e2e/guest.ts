/*
 * Signing in to the e2e portal from Node (the browser signs in through browser.ts).
 */

/**
 * A Backstage token for the guest (auth.environment development; in the journeys the catalog user
 * user:default/sandbox-developer of Sandbox Team, e2e/app-config.e2e.yaml), for API calls.
 */
export async function guestToken(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/guest/refresh?env=development`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in failed: HTTP ${res.status}`);
  const body = (await res.json()) as { backstageIdentity?: { token?: string } };
  const token = body.backstageIdentity?.token;
  if (!token) throw new Error('guest sign-in returned no token');
  return token;
}
