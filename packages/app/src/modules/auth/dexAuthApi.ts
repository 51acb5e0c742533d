import { OAuth2 } from '@backstage/core-app-api';
import {
  ApiBlueprint,
  configApiRef,
  createApiRef,
  discoveryApiRef,
  oauthRequestApiRef,
} from '@backstage/frontend-plugin-api';
import type {
  BackstageIdentityApi,
  OAuthApi,
  OpenIdConnectApi,
  ProfileInfoApi,
  SessionApi,
} from '@backstage/core-plugin-api';

/**
 * Id of the auth provider on the backend: sign-in goes through
 * `/api/auth/<id>/start`, `/api/auth/<id>/refresh`, ... and is configured under
 * `auth.providers.<id>` in app-config.
 */
export const DEX_PROVIDER_ID = 'dex';

/** Scopes requested from Dex; `groups` feeds the sign-in resolver's group ownership. */
export const DEX_DEFAULT_SCOPES = ['openid', 'profile', 'email', 'groups'];

/** Sign-in (and OIDC tokens) through Portico's Dex instance. */
export const dexAuthApiRef = createApiRef<
  OAuthApi &
    OpenIdConnectApi &
    ProfileInfoApi &
    BackstageIdentityApi &
    SessionApi
>().with({
  id: 'portico.auth.dex',
  pluginId: 'app',
});

export const dexAuthApi = ApiBlueprint.make({
  name: 'dex-auth',
  params: defineParams =>
    defineParams({
      api: dexAuthApiRef,
      deps: {
        configApi: configApiRef,
        discoveryApi: discoveryApiRef,
        oauthRequestApi: oauthRequestApiRef,
      },
      factory: ({ configApi, discoveryApi, oauthRequestApi }) =>
        OAuth2.create({
          configApi,
          discoveryApi,
          oauthRequestApi,
          provider: { id: DEX_PROVIDER_ID, title: 'Dex', icon: () => null },
          environment: configApi.getOptionalString('auth.environment'),
          defaultScopes: DEX_DEFAULT_SCOPES,
        }),
    }),
});
