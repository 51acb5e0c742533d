import type { ConfigApi } from '@backstage/frontend-plugin-api';

/** The sign-in methods the Portico sign-in page can offer. */
export type PorticoSignInProvider = 'guest' | 'dex';

/** The order of the cards when several methods apply: Dex first. */
const ORDER: PorticoSignInProvider[] = ['dex', 'guest'];

/**
 * Chooses the sign-in methods from `auth.environment` (frontend-visible,
 * declared by `@backstage/core-app-api`; it defaults to `development` like the
 * backend does) and `portico.signIn.providers` (packages/app/config.d.ts):
 *
 * - `development`: the methods `portico.signIn.providers` names (Dex first),
 *   Guest when the key is not set or names none (the backend enables the guest
 *   provider there and refuses it anywhere else). The local platform's Dex peer
 *   sets `[dex, guest]`.
 * - any other environment (`production`, ...): Dex only, whatever the key says.
 */
export function signInProvidersFor(
  config: Pick<ConfigApi, 'getOptionalString' | 'getOptionalStringArray'>,
): PorticoSignInProvider[] {
  const environment =
    config.getOptionalString('auth.environment') ?? 'development';
  if (environment !== 'development') {
    return ['dex'];
  }
  const named = config.getOptionalStringArray('portico.signIn.providers') ?? [];
  const chosen = ORDER.filter(p => named.includes(p));
  return chosen.length > 0 ? chosen : ['guest'];
}
