import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import {
  platformRolesServiceRef,
  useUserOnlyRoutes,
  UserOnlyRoute,
  userOnlyRoutesDeps,
} from '@internal/plugin-portico-node';
import { createLocationDeleteGate } from './locations/createLocationDeleteGate';
import {
  CatalogDatabaseUserEmailIndex,
  UniqueUserEmailProcessor,
} from './processors/UniqueUserEmailProcessor';
import { createRegistrationGate } from './registration/createRegistrationGate';

/**
 * The catalog's routes that change what it holds: users only (and the catalog's own token, with
 * which the registration gate registers, and the service subjects
 * `portico.access.serviceSubjects` lists). Registering or editing a
 * location, deleting one or an entity, and refreshing an entity.
 */
export const CATALOG_USER_ONLY_ROUTES: UserOnlyRoute[] = [
  { method: 'POST', path: '/locations' },
  { method: 'PUT', path: '/locations/:id' },
  { method: 'DELETE', path: '/locations/:id' },
  { method: 'DELETE', path: '/entities/by-uid/:uid' },
  { method: 'POST', path: '/refresh' },
];

/**
 * Portico's catalog rules:
 * - the routes that change the catalog accept users, not service principals
 *   ({@link CATALOG_USER_ONLY_ROUTES}; the permission policy is never asked about services);
 * - a location is deleted only by those the policy grants `catalog.location.delete` (admins);
 *   anyone else is told which location and why ({@link createLocationDeleteGate});
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
        ...userOnlyRoutesDeps,
        processing: catalogProcessingExtensionPoint,
        database: coreServices.database,
        permissions: coreServices.permissions,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
        roles: platformRolesServiceRef,
      },
      async init(deps) {
        const db = await deps.database.getClient();
        deps.processing.addProcessor(
          new UniqueUserEmailProcessor(new CatalogDatabaseUserEmailIndex(db)),
        );
        // In this order, in front of the catalog's own router.
        useUserOnlyRoutes(deps, CATALOG_USER_ONLY_ROUTES, {
          // The registration gate registers what it has checked with the catalog's own token.
          alsoAccept: ['plugin:catalog'],
        });
        deps.httpRouter.use(createLocationDeleteGate(deps));
        deps.httpRouter.use(createRegistrationGate(deps));
      },
    });
  },
});
