/*
 * The objects of a compliant service's namespace as the Kubernetes API lists them (items carry no
 * kind): every Portico check passes on them. Tests break one field to see one check fail.
 */
import type { ServiceObjectsInput } from '../objects/schemas';

const NS = 'payments';
const labels = { 'app.kubernetes.io/name': 'payments' };

/** A fresh copy each call, safe to mutate. */
export function compliantServiceObjects(): Record<
  keyof ServiceObjectsInput,
  any[]
> {
  const probe = { httpGet: { path: '/healthz', port: 'http' } };
  return {
    deployments: [
      {
        metadata: { name: 'payments', namespace: NS, labels },
        spec: {
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              securityContext: { runAsNonRoot: true },
              containers: [
                {
                  name: 'payments',
                  image: 'registry.local/portico/payments:3f2c1a9',
                  resources: {
                    requests: { cpu: '100m', memory: '128Mi' },
                    limits: { cpu: '500m', memory: '256Mi' },
                  },
                  readinessProbe: probe,
                  livenessProbe: probe,
                  envFrom: [{ secretRef: { name: 'payments-postgres' } }],
                },
              ],
            },
          },
        },
      },
    ],
    statefulSets: [],
    services: [
      {
        metadata: { name: 'payments', namespace: NS },
        spec: { selector: labels },
      },
    ],
    networkPolicies: [
      {
        metadata: { name: 'default-deny-all', namespace: NS },
        spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      },
    ],
    secrets: [
      {
        metadata: {
          name: 'payments-postgres',
          namespace: NS,
          labels: { 'reconcile.external-secrets.io/managed': 'true' },
          ownerReferences: [
            {
              apiVersion: 'external-secrets.io/v1',
              kind: 'ExternalSecret',
              name: 'payments-postgres',
              controller: true,
              blockOwnerDeletion: true,
              uid: '4b1f0e4e-2f43-4d5a-9d43-0d3c6b0e8a11',
            },
          ],
        },
        type: 'Opaque',
      },
    ],
    externalSecrets: [
      {
        metadata: { name: 'payments-postgres', namespace: NS },
        spec: {
          target: { name: 'payments-postgres', creationPolicy: 'Owner' },
        },
      },
    ],
    podDisruptionBudgets: [
      {
        metadata: { name: 'payments', namespace: NS },
        spec: { maxUnavailable: 1, selector: { matchLabels: labels } },
      },
    ],
    horizontalPodAutoscalers: [
      {
        metadata: { name: 'payments', namespace: NS },
        spec: {
          scaleTargetRef: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'payments',
          },
          minReplicas: 2,
          maxReplicas: 5,
        },
      },
    ],
  };
}
