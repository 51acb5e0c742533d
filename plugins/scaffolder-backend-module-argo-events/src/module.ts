import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  createArgoEventsTriggerAction,
  createProvisioningClient,
} from './actions';

/** Registers `argo-events:trigger` with the scaffolder. */
export const scaffolderModuleArgoEvents = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'argo-events',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
      },
      async init({ scaffolder, auth, discovery }) {
        scaffolder.addActions(
          createArgoEventsTriggerAction({
            client: createProvisioningClient({ auth, discovery }),
          }),
        );
      },
    });
  },
});
