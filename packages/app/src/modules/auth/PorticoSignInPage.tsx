import { SignInPage } from '@backstage/core-components';
import type { SignInProviderConfig } from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/frontend-plugin-api';
import type { SignInPageProps } from '@backstage/plugin-app-react';
import { dexAuthApiRef, DEX_PROVIDER_ID } from './dexAuthApi';
import { signInProvidersFor } from './signInProviders';
import { SignInError } from './SignInError';

export const dexSignInProvider: SignInProviderConfig = {
  id: DEX_PROVIDER_ID,
  title: 'Dex',
  message:
    'Sign in with your organisation account through Dex, the single sign-on of the platform.',
  apiRef: dexAuthApiRef,
};

/**
 * Portico's sign-in page: Guest in development (Dex and Guest, Dex first, when
 * `portico.signIn.providers` names both, as with make start's local Dex), Dex
 * everywhere else (see {@link signInProvidersFor}).
 *
 * With Dex as the only method the single-provider page is used: it restores an
 * existing session silently, and when the backend refuses the sign-in (for
 * example "... is not in the catalog", or `?error=` after a redirect) it shows
 * the reason inside the card instead of a transient toast.
 */
export function PorticoSignInPage(props: SignInPageProps) {
  const configApi = useApi(configApiRef);
  const providers = signInProvidersFor(configApi);

  if (providers.length === 1 && providers[0] === 'dex') {
    return (
      <SignInPage
        onSignInSuccess={props.onSignInSuccess}
        provider={dexSignInProvider}
        ErrorComponent={SignInError}
      />
    );
  }

  return (
    <SignInPage
      onSignInSuccess={props.onSignInSuccess}
      title="Sign in to Portico"
      align="center"
      providers={providers.map(p =>
        p === 'guest' ? 'guest' : dexSignInProvider,
      )}
      ErrorComponent={SignInError}
    />
  );
}
