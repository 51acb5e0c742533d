import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createOAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import {
  oidcAuthenticator,
  oidcSignInResolvers,
} from '@backstage/plugin-auth-backend-module-oidc-provider';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createEmailMatchingUserEntityWithDexGroups } from './resolvers/emailMatchingUserEntityWithDexGroups';

/**
 * Sign-in through Dex. Registers the `dex` provider with the upstream OIDC authenticator and
 * Portico's resolver `emailMatchingUserEntityWithDexGroups` next to the upstream ones.
 */
export const authModuleDexProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'dex-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
      },
      async init({ providers, catalog, auth }) {
        providers.registerProvider({
          providerId: 'dex',
          factory: createOAuthProviderFactory({
            authenticator: oidcAuthenticator,
            signInResolverFactories: {
              ...oidcSignInResolvers,
              emailMatchingUserEntityWithDexGroups:
                createEmailMatchingUserEntityWithDexGroups({ catalog, auth }),
            },
          }),
        });
      },
    });
  },
});
