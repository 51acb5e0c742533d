/**
 * Portico's shared backend rules: the platform facts authorization rests on.
 *
 * @packageDocumentation
 */
export * from './teams/teamLabels';
export * from './namespaces/reservedNamespaces';
export * from './namespaces/TeamNamespacesService';
export * from './namespaces/StaticTeamNamespaces';
export * from './namespaces/KubernetesTeamNamespaces';
export * from './kubernetes/kubeConfigFor';
export * from './namespaces/teamNamespacesServiceRef';
export * from './access/platformRoles';
export * from './access/userOnlyRoutes';
export * from './access/userOnlyRoutesModule';
export * from './access/gateCaller';
export * from './http/inputErrorFromZod';
export * from './http/httpStatusOf';
export * from './http/UpstreamError';
export * from './audit/withAuditEvent';
