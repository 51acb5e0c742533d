/**
 * Portico's rule for the Kubernetes backend: its proxy accepts users only.
 *
 * @packageDocumentation
 */
export { kubernetesModulePortico, KUBERNETES_USER_ONLY_ROUTES } from './module';
