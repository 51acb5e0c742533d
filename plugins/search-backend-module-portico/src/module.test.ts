import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import searchPlugin from '@backstage/plugin-search-backend';
import searchBackendModulePg from '@backstage/plugin-search-backend-module-pg';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { Readable } from 'node:stream';
import request from 'supertest';
import { searchModulePortico } from './module';

/** A techdocs collator that finds no documents yet (no docs built), as on a first start. */
const noTechdocsYet = createBackendModule({
  pluginId: 'search',
  moduleId: 'no-techdocs-yet',
  register(reg) {
    reg.registerInit({
      deps: { indexRegistry: searchIndexRegistryExtensionPoint },
      async init({ indexRegistry }) {
        indexRegistry.addCollator({
          schedule: {
            run: async () => {},
          },
          factory: {
            type: 'techdocs',
            getCollator: async () => Readable.from([]),
          },
        });
      },
    });
  },
});

jest.setTimeout(60_000);

const techdocsQuery =
  '/api/search/query?term=&types%5B0%5D=techdocs&filters%5Bkind%5D=component&filters%5Bname%5D=payments-api';
const user = {
  Authorization: mockCredentials.user.header('user:default/bob'),
};

describe('searchModulePortico (Lunr where PostgreSQL search is not available)', () => {
  const start = (withModule: boolean) =>
    startTestBackend({
      features: [
        searchPlugin,
        noTechdocsYet,
        ...(withModule ? [searchModulePortico] : []),
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });

  it('answers an empty result for a type with no index yet, where plain Lunr answers 500', async () => {
    const plain = await start(false);
    try {
      const res = await request(plain.server).get(techdocsQuery).set(user);
      expect(res.status).toBe(500);
      expect(res.body.error.name).toBe('MissingIndexError');
    } finally {
      await plain.stop();
    }

    const portico = await start(true);
    try {
      const res = await request(portico.server).get(techdocsQuery).set(user);
      expect(res.status).toBe(200);
      expect(res.body.results).toEqual([]);
    } finally {
      await portico.stop();
    }
  });

  const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'leaves the engine to search-backend-module-pg on %s (two engines would not start)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          searchPlugin,
          noTechdocsYet,
          searchBackendModulePg,
          searchModulePortico,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({ data: {} }),
        ],
      });
      try {
        const res = await request(backend.server).get(techdocsQuery).set(user);
        expect(res.status).toBe(200);
        expect(res.body.results).toEqual([]);
      } finally {
        await backend.stop();
      }
    },
  );
});
