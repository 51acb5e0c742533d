import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import type {
  AuditorService,
  HttpAuthService,
  HttpRouterService,
  PluginMetadataService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { createUserOnlyRoutes, UserOnlyRoute } from './userOnlyRoutes';

/** The services {@link useUserOnlyRoutes} needs, as a module's `deps` (spread into larger ones). */
export const userOnlyRoutesDeps = {
  config: coreServices.rootConfig,
  httpRouter: coreServices.httpRouter,
  httpAuth: coreServices.httpAuth,
  auditor: coreServices.auditor,
  plugin: coreServices.pluginMetadata,
};

/** What {@link userOnlyRoutesDeps} resolves to. */
export interface UserOnlyRoutesDeps {
  config: RootConfigService;
  httpRouter: HttpRouterService;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  plugin: PluginMetadataService;
}

/**
 * Puts {@link createUserOnlyRoutes} for `routes` in front of the router of the plugin the
 * calling module belongs to (a module's `httpRouter.use` is mounted before its plugin's router).
 * Call it before the module's other gates: a service principal is refused before they run.
 */
export function useUserOnlyRoutes(
  deps: UserOnlyRoutesDeps,
  routes: UserOnlyRoute[],
  options: {
    /** Service subjects accepted besides those of `portico.access.serviceSubjects`. */
    alsoAccept?: string[];
  } = {},
): void {
  deps.httpRouter.use(
    createUserOnlyRoutes({
      routes,
      pluginId: deps.plugin.getId(),
      httpAuth: deps.httpAuth,
      auditor: deps.auditor,
      config: deps.config,
      alsoAccept: options.alsoAccept,
    }),
  );
}

/** A backend module of `pluginId` that does only {@link useUserOnlyRoutes} for `routes`. */
export function createUserOnlyRoutesModule(options: {
  pluginId: string;
  moduleId: string;
  routes: UserOnlyRoute[];
}) {
  return createBackendModule({
    pluginId: options.pluginId,
    moduleId: options.moduleId,
    register(reg) {
      reg.registerInit({
        deps: userOnlyRoutesDeps,
        async init(deps) {
          useUserOnlyRoutes(deps, options.routes);
        },
      });
    },
  });
}
