import {
  V1LimitRange,
  V1LimitRangeItem,
  V1Namespace,
  V1NetworkPolicy,
  V1ResourceQuota,
  V1RoleBinding,
  V1ServiceAccount,
} from '@kubernetes/client-node';
import { metadata, Ownership, selectorLabels } from './labels';
import { SIZING, Traffic } from './sizing';

export interface NamespaceOptions {
  namespace: string;
  who: Ownership;
  traffic: Traffic;
  port: number;
  teamClusterRole: string;
  ingressNamespace: string;
  /** Egress allowances beyond DNS. */
  postgresNamespace?: string;
  objectStorage?: boolean;
}

/** Pod Security Admission level every team namespace enforces. */
const POD_SECURITY_LABELS: Record<string, string> = {
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/enforce-version': 'latest',
};

/**
 * The ServiceAccount the External Secrets Operator authenticates as for this namespace
 * (referent authentication of the ClusterSecretStore: deploy/platform/cluster-secret-store.yaml).
 * No pod mounts it.
 */
export const SECRETS_SERVICE_ACCOUNT = 'portico-secrets';

/** The Namespace, labelled with its team (the platform fact ownership rests on). */
export function buildNamespace(o: NamespaceOptions): V1Namespace {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: metadata(o.who, o.namespace, undefined, POD_SECURITY_LABELS),
  };
}

export function buildSecretsServiceAccount(
  o: NamespaceOptions,
): V1ServiceAccount {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: metadata(o.who, SECRETS_SERVICE_ACCOUNT, o.namespace),
    automountServiceAccountToken: false,
  };
}

/** Defaults for containers that set no requests/limits (the quota requires both). */
export function buildLimitRange(o: NamespaceOptions): V1LimitRange {
  const size = SIZING[o.traffic];
  return {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: metadata(o.who, `${o.who.service}-limits`, o.namespace),
    // client-node calls `default` `_default` (its serializer renames it); objects here are
    // serialised as they are, so the item uses the API's own field name.
    spec: {
      limits: [
        {
          type: 'Container',
          defaultRequest: { ...size.requests },
          default: { ...size.limits },
          max: { ...size.limits },
        } as unknown as V1LimitRangeItem,
      ],
    },
  };
}

/** The owning team's group gets the team ClusterRole (e.g. edit) in its namespace only. */
export function buildRoleBinding(o: NamespaceOptions): V1RoleBinding {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: metadata(o.who, `${o.who.service}-team`, o.namespace),
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: o.teamClusterRole,
    },
    subjects: [
      {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'Group',
        name: o.who.ownerName,
      },
    ],
  };
}

export function buildResourceQuota(o: NamespaceOptions): V1ResourceQuota {
  return {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: metadata(o.who, `${o.who.service}-quota`, o.namespace),
    spec: {
      hard: {
        ...SIZING[o.traffic].quota,
        services: '5',
        'services.loadbalancers': '0',
        'services.nodeports': '0',
      },
    },
  };
}

/** Default deny for everything in the namespace, then the service's allowances. */
export function buildNetworkPolicies(
  o: NamespaceOptions,
): Array<{ suffix: string; object: V1NetworkPolicy }> {
  const ns = o.namespace;
  // client-node's generated types call the `from` field `_from` (its serializer renames it);
  // objects here are serialised as they are, so the spec uses the API's own field names.
  const policy = (suffix: string, spec: Record<string, unknown>) => ({
    suffix,
    object: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: metadata(o.who, suffix, ns),
      spec: spec as V1NetworkPolicy['spec'],
    } as V1NetworkPolicy,
  });
  const app = { matchLabels: selectorLabels(o.who.service) };
  const policies = [
    policy('default-deny-all', {
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
    }),
    policy('allow-ingress-controller', {
      podSelector: app,
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            {
              namespaceSelector: {
                matchLabels: {
                  'kubernetes.io/metadata.name': o.ingressNamespace,
                },
              },
            },
          ],
          ports: [{ protocol: 'TCP', port: o.port }],
        },
      ],
    }),
    policy('allow-dns-egress', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [
            {
              namespaceSelector: {
                matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
              },
              podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            },
          ],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    }),
  ];
  if (o.postgresNamespace) {
    policies.push(
      policy('allow-postgres-egress', {
        podSelector: app,
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              {
                namespaceSelector: {
                  matchLabels: {
                    'kubernetes.io/metadata.name': o.postgresNamespace,
                  },
                },
              },
            ],
            ports: [{ protocol: 'TCP', port: 5432 }],
          },
        ],
      }),
    );
  }
  if (o.objectStorage) {
    policies.push(
      policy('allow-object-storage-egress', {
        podSelector: app,
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              {
                ipBlock: {
                  cidr: '0.0.0.0/0',
                  except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'],
                },
              },
            ],
            ports: [{ protocol: 'TCP', port: 443 }],
          },
        ],
      }),
    );
  }
  return policies;
}
