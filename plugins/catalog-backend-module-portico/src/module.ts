import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { platformRolesServiceRef } from '@internal/plugin-portico-node';
import {
  CatalogDatabaseUserEmailIndex,
  UniqueUserEmailProcessor,
} from './processors/UniqueUserEmailProcessor';
import { createRegistrationGate } from './registration/createRegistrationGate';

/**
 * Portico's catalog rules:
 * - a developer (a signed-in user who is not a Portico admin) registers a location only when
 *   everything in it is a Component, API or Resource owned by one of their groups (refused with
 *   a message naming the owner); see {@link createRegistrationGate};
 * - two Users may not share an email ({@link UniqueUserEmailProcessor}).
 */
export const catalogModulePortico = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'portico',
  register(reg) {
    reg.registerInit({
      deps: {
        processing: catalogProcessingExtensionPoint,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
        auditor: coreServices.auditor,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
        roles: platformRolesServiceRef,
      },
      async init(deps) {
        const db = await deps.database.getClient();
        deps.processing.addProcessor(
          new UniqueUserEmailProcessor(new CatalogDatabaseUserEmailIndex(db)),
        );
        deps.httpRouter.use(createRegistrationGate(deps));
      },
    });
  },
});
