import {
  createUserOnlyRoutesModule,
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
export const kubernetesModulePortico = createUserOnlyRoutesModule({
  pluginId: 'kubernetes',
  moduleId: 'portico',
  routes: KUBERNETES_USER_ONLY_ROUTES,
});
