import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  authProvidersExtensionPoint,
  createOAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import {
  oidcAuthenticator,
  oidcSignInResolvers,
} from '@backstage/plugin-auth-backend-module-oidc-provider';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readPlatformRoleGroups } from '@internal/plugin-portico-node';
import {
  assertProductionGroupMapping,
  createEmailMatchingUserEntityWithDexGroups,
} from './resolvers/emailMatchingUserEntityWithDexGroups';

/** Production: `auth.environment: production` or `NODE_ENV=production`. */
export function isProductionAuth(config: Config): boolean {
  return (
    config.getOptionalString('auth.environment') === 'production' ||
    process.env.NODE_ENV === 'production'
  );
}

/**
 * Checks every Dex environment's `emailMatchingUserEntityWithDexGroups` resolver before the auth
 * backend starts, so a production backend without a group prefix does not start at all.
 */
export function checkDexResolverConfig(config: Config): void {
  if (!isProductionAuth(config)) {
    return;
  }
  const dex = config.getOptionalConfig('auth.providers.dex');
  for (const env of dex?.keys() ?? []) {
    const resolvers =
      dex!.getOptionalConfigArray(`${env}.signIn.resolvers`) ?? [];
    resolvers.forEach((resolver, index) => {
      if (
        resolver.getOptionalString('resolver') !==
        'emailMatchingUserEntityWithDexGroups'
      ) {
        return;
      }
      assertProductionGroupMapping(
        {
          stripGroupPrefix: resolver.getOptionalString('stripGroupPrefix'),
          ignoreGroupsClaim: resolver.getOptionalBoolean('ignoreGroupsClaim'),
        },
        `auth.providers.dex.${env}.signIn.resolvers[${index}]`,
      );
    });
  }
}

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
        config: coreServices.rootConfig,
      },
      async init({ providers, catalog, auth, config }) {
        checkDexResolverConfig(config);
        const roles = readPlatformRoleGroups(config);
        providers.registerProvider({
          providerId: 'dex',
          factory: createOAuthProviderFactory({
            authenticator: oidcAuthenticator,
            signInResolverFactories: {
              ...oidcSignInResolvers,
              emailMatchingUserEntityWithDexGroups:
                createEmailMatchingUserEntityWithDexGroups({
                  catalog,
                  auth,
                  production: isProductionAuth(config),
                  excludedGroups: new Set([
                    ...roles.adminGroups,
                    ...roles.auditorGroups,
                  ]),
                }),
            },
          }),
        });
      },
    });
  },
});
