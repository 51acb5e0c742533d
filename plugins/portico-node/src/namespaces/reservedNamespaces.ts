import { Config } from '@backstage/config';

/** Namespaces of Kubernetes itself and of the platform: never a team's. */
export const BUILT_IN_RESERVED_NAMESPACES: readonly string[] = [
  'default',
  'kube-*',
  'argocd',
  'argo',
  'argo-events',
  'argo-workflows',
  'external-secrets',
  'cert-manager',
  'ingress-nginx',
  'monitoring',
  'portico',
];

/** The reserved list: the built-in one plus `portico.reservedNamespaces`. */
export function readReservedNamespaces(config: Config): string[] {
  return [
    ...BUILT_IN_RESERVED_NAMESPACES,
    ...(config.getOptionalStringArray('portico.reservedNamespaces') ?? []),
  ];
}

function matches(pattern: string, name: string): boolean {
  return pattern.endsWith('*')
    ? name.startsWith(pattern.slice(0, -1))
    : name === pattern;
}

/**
 * Why `name` may not be used as a team's namespace, or undefined when it may. The reason is a
 * sentence fragment for a field error: `"kube-system" is reserved for the platform (kube-*)`.
 */
export function reservedNamespaceReason(
  name: string,
  reserved: readonly string[] = BUILT_IN_RESERVED_NAMESPACES,
): string | undefined {
  const hit = reserved.find(pattern => matches(pattern, name));
  return hit
    ? `"${name}" is reserved for the platform (${hit}); choose another name`
    : undefined;
}
