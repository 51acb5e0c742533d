import { createBackendModule } from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { platformRolesServiceRef } from '@internal/plugin-portico-node';
import { PorticoPermissionPolicy } from './PorticoPermissionPolicy';

/** Installs Portico's access policy in the permission backend. */
export const permissionModulePorticoPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'portico-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        roles: platformRolesServiceRef,
      },
      async init({ policy, roles }) {
        policy.setPolicy(new PorticoPermissionPolicy(roles));
      },
    });
  },
});
