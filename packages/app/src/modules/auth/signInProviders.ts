import type { ConfigApi } from '@backstage/frontend-plugin-api';

/** The sign-in methods the Portico sign-in page can offer. */
export type PorticoSignInProvider = 'guest' | 'dex';

/**
 * Chooses the sign-in methods from `auth.environment` (frontend-visible,
 * declared by `@backstage/core-app-api`; it defaults to `development` like the
 * backend does):
 *
 * - `development`: Guest only (the backend enables the guest provider there
 *   and refuses it anywhere else).
 * - any other environment (`production`, ...): Dex only.
 */
export function signInProvidersFor(
  config: Pick<ConfigApi, 'getOptionalString'>,
): PorticoSignInProvider[] {
  const environment =
    config.getOptionalString('auth.environment') ?? 'development';
  return environment === 'development' ? ['guest'] : ['dex'];
}
