import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { PorticoPermissionPolicy } from './PorticoPermissionPolicy';
import { readAccessOptions } from './accessOptions';

/** Installs Portico's access policy in the permission backend. */
export const permissionModulePorticoPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'portico-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, config, userInfo }) {
        policy.setPolicy(
          new PorticoPermissionPolicy(userInfo, readAccessOptions(config)),
        );
      },
    });
  },
});
