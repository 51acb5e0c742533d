/*
 * Portico platform actions: ExternalSecrets, namespaces, Argo CD Applications, GitOps commits, scoped Git tokens
 */
export {};
