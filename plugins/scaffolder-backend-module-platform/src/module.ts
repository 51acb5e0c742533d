import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  readPlatformRoleGroups,
  teamNamespacesServiceRef,
  useUserOnlyRoutes,
  userOnlyRoutesDeps,
} from '@internal/plugin-portico-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createPlatformActions } from './actions/createPlatformActions';
import { TaskLedger } from './actions/taskLedger';
import { readPlatformSettings } from './config';
import { createTokenProvider } from './git/tokenProviders';
import { TokenVault } from './git/tokenVault';
import { SecretStoreChecker } from './kubernetes/secretStoreChecker';
import { OwnerCheck } from './owner/ownerCheck';
import { createTaskOwnerGate } from './taskOwnerGate';
import { SCAFFOLDER_USER_ONLY_ROUTES } from './userOnlyTaskRoutes';

/**
 * Registers Portico's platform actions with the scaffolder, and puts in front of the scaffolder's
 * router the user-only task routes ({@link SCAFFOLDER_USER_ONLY_ROUTES}) and the refusal, with a
 * message, of cancelling or retrying someone else's task ({@link createTaskOwnerGate}).
 */
export const scaffolderModulePlatform = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'platform',
  register(reg) {
    reg.registerInit({
      deps: {
        ...userOnlyRoutesDeps,
        scaffolder: scaffolderActionsExtensionPoint,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        teamNamespaces: teamNamespacesServiceRef,
      },
      async init({
        scaffolder,
        config,
        userInfo,
        permissions,
        catalog,
        auditor,
        httpRouter,
        httpAuth,
        auth,
        discovery,
        teamNamespaces,
        plugin,
      }) {
        useUserOnlyRoutes(
          { httpRouter, httpAuth, auditor, config, plugin },
          SCAFFOLDER_USER_ONLY_ROUTES,
        );
        httpRouter.use(
          createTaskOwnerGate({
            httpAuth,
            auth,
            discovery,
            permissions,
            auditor,
          }),
        );
        const settings = readPlatformSettings(config);
        scaffolder.addActions(
          ...createPlatformActions({
            settings,
            ownerCheck: new OwnerCheck({
              userInfo,
              permissions,
              catalog,
              adminGroups: readPlatformRoleGroups(config).adminGroups,
            }),
            vault: new TokenVault(),
            ledger: new TaskLedger(),
            auditor,
            teamNamespaces,
            tokenProvider: createTokenProvider(settings.git),
            storeChecker:
              settings.kubernetes &&
              new SecretStoreChecker(settings.kubernetes),
          }),
        );
      },
    });
  },
});
