import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { teamNamespacesServiceRef } from '@internal/plugin-portico-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createPlatformActions } from './actions/createPlatformActions';
import { TaskLedger } from './actions/taskLedger';
import { readPlatformSettings } from './config';
import { createTokenProvider } from './git/tokenProviders';
import { TokenVault } from './git/tokenVault';
import { SecretStoreChecker } from './kubernetes/secretStoreChecker';
import { OwnerCheck, readAdminGroups } from './owner/ownerCheck';

/** Registers Portico's platform actions with the scaffolder. */
export const scaffolderModulePlatform = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'platform',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        catalog: catalogServiceRef,
        auditor: coreServices.auditor,
        teamNamespaces: teamNamespacesServiceRef,
      },
      async init({
        scaffolder,
        config,
        userInfo,
        permissions,
        catalog,
        auditor,
        teamNamespaces,
      }) {
        const settings = readPlatformSettings(config);
        scaffolder.addActions(
          ...createPlatformActions({
            settings,
            ownerCheck: new OwnerCheck({
              userInfo,
              permissions,
              catalog,
              adminGroups: readAdminGroups(config),
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
