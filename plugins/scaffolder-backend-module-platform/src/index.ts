/**
 * Portico platform actions for the scaffolder: service manifests (Namespace, RBAC, quota,
 * NetworkPolicies, workload, ExternalSecrets, Argo CD Application), GitOps commits, scoped
 * short-lived Git tokens and a loopback Git publisher.
 *
 * @packageDocumentation
 */
export { scaffolderModulePlatform } from './module';
export * from './actions';
