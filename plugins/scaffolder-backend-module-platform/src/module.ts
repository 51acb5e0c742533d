import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  createArgocdApplicationAction,
  createExternalSecretAction,
  createGitTokenAction,
  createGitTokenRevokeAction,
  createGitopsCommitAction,
  createNamespaceAction,
  createOwnerVerifyAction,
  createPublishGitAction,
  createServiceManifestsAction,
  createServiceValidateAction,
} from './actions';

/** Registers Portico's platform actions with the scaffolder. */
export const scaffolderModulePlatform = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'platform',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ scaffolder }) {
        scaffolder.addActions(
          createServiceValidateAction(),
          createOwnerVerifyAction(),
          createServiceManifestsAction(),
          createNamespaceAction(),
          createArgocdApplicationAction(),
          createExternalSecretAction(),
          createGitopsCommitAction(),
          createGitTokenAction(),
          createGitTokenRevokeAction(),
          createPublishGitAction(),
        );
      },
    });
  },
});
