/*
 * The two pieces the harness adds to the backend, neither replacing what a plugin sees: a module
 * that hands out the scaffolder's own AuthService (to mint its tokens), and the default httpRouter
 * service recording each handler a plugin registers (for route discovery).
 */
import { httpRouterServiceFactory } from '@backstage/backend-defaults/httpRouter';
import {
  AuthService,
  coreServices,
  createBackendModule,
  createServiceFactory,
  HttpRouterService,
} from '@backstage/backend-plugin-api';

/** A module of `pluginId` that only hands out that plugin's own AuthService. */
export function pluginAuthProbe(pluginId: string, onAuth: (auth: AuthService) => void) {
  return createBackendModule({
    pluginId,
    moduleId: 'security-checks-token-probe',
    register(env) {
      env.registerInit({
        deps: { auth: coreServices.auth },
        async init({ auth }) {
          onAuth(auth);
        },
      });
    },
  });
}

/**
 * The default httpRouter service, recording each handler a plugin registers. It calls the
 * default factory's own implementation, so every plugin gets the same router stack (rate limit,
 * credentials barrier, auth policies, error handler) as in the shipped backend.
 */
export function recordingHttpRouter(registered: Array<{ pluginId: string; handler: unknown }>) {
  return createServiceFactory({
    service: coreServices.httpRouter,
    initialization: 'always',
    deps: {
      plugin: coreServices.pluginMetadata,
      config: coreServices.rootConfig,
      lifecycle: coreServices.lifecycle,
      rootHttpRouter: coreServices.rootHttpRouter,
      auth: coreServices.auth,
      httpAuth: coreServices.httpAuth,
      logger: coreServices.logger,
    },
    async factory(deps): Promise<HttpRouterService> {
      const inner: HttpRouterService = await (
        httpRouterServiceFactory as unknown as { factory(d: typeof deps): Promise<HttpRouterService> }
      ).factory(deps);
      return {
        use(handler) {
          registered.push({ pluginId: deps.plugin.getId(), handler });
          inner.use(handler);
        },
        addAuthPolicy(policy) {
          inner.addAuthPolicy(policy);
        },
      };
    },
  });
}
