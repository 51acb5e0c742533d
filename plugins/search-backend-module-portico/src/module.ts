import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { PgSearchEngine } from '@backstage/plugin-search-backend-module-pg';
import { LunrSearchEngine } from '@backstage/plugin-search-backend-node';
import { searchEngineRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { EmptyForMissingIndex } from './EmptyForMissingIndex';

/**
 * Where the search database is not PostgreSQL (search-backend-module-pg then registers nothing),
 * sets Lunr wrapped in EmptyForMissingIndex, so a TechDocs page opened before its docs are
 * indexed gets an empty search instead of a 500. On PostgreSQL it does nothing: the pg module's
 * engine serves.
 */
export const searchModulePortico = createBackendModule({
  pluginId: 'search',
  moduleId: 'portico-lunr',
  register(reg) {
    reg.registerInit({
      deps: {
        searchEngineRegistry: searchEngineRegistryExtensionPoint,
        database: coreServices.database,
        logger: coreServices.logger,
      },
      async init({ searchEngineRegistry, database, logger }) {
        if (await PgSearchEngine.supported(database)) return;
        searchEngineRegistry.setSearchEngine(
          new EmptyForMissingIndex(new LunrSearchEngine({ logger })),
        );
      },
    });
  },
});
