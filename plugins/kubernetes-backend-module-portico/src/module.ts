import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  createUserOnlyRoutes,
  UserOnlyRoute,
} from '@internal/plugin-portico-node';

/**
 * The Kubernetes backend's proxy: requests to the clusters with the portal's own cluster
 * credentials. Users only (and the service subjects `portico.access.serviceSubjects` lists);
 * among users the policy keeps `kubernetes.proxy` for admins. The permission policy is never
 * asked about service principals, so without this any static key or plugin token would reach
 * the clusters.
 */
export const KUBERNETES_USER_ONLY_ROUTES: UserOnlyRoute[] = [
  { method: 'USE', path: '/proxy' },
];

/** Puts {@link KUBERNETES_USER_ONLY_ROUTES} in front of the Kubernetes backend's router. */
export const kubernetesModulePortico = createBackendModule({
  pluginId: 'kubernetes',
  moduleId: 'portico',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auditor: coreServices.auditor,
      },
      async init({ httpRouter, ...deps }) {
        httpRouter.use(
          createUserOnlyRoutes({
            routes: KUBERNETES_USER_ONLY_ROUTES,
            pluginId: 'kubernetes',
            ...deps,
          }),
        );
      },
    });
  },
});
