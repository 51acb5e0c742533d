import {
  V1Deployment,
  V1EnvFromSource,
  V1EnvVar,
  V1PodDisruptionBudget,
  V1Service,
  V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';
import { metadata, Ownership, selectorLabels } from './labels';
import { SIZING, Traffic } from './sizing';

interface WorkloadOptions {
  namespace: string;
  who: Ownership;
  traffic: Traffic;
  image: string;
  port: number;
  healthPath: string;
  description?: string;
  /** Secrets (ExternalSecret targets) whose every key becomes an env var. */
  envFromSecrets: string[];
  /** Single keys of a Secret as env vars. */
  secretEnv: Array<{ env: string; secretName: string; key: string }>;
}

/** Deployment with limits, probes and env from Secret references only (never values). */
export function buildDeployment(o: WorkloadOptions): V1Deployment {
  const size = SIZING[o.traffic];
  const env: V1EnvVar[] = [
    { name: 'PORT', value: String(o.port) },
    ...o.secretEnv.map(s => ({
      name: s.env,
      valueFrom: { secretKeyRef: { name: s.secretName, key: s.key } },
    })),
  ];
  const envFrom: V1EnvFromSource[] = o.envFromSecrets.map(name => ({
    secretRef: { name },
  }));
  const probe = (initialDelaySeconds: number, periodSeconds: number) => ({
    httpGet: { path: o.healthPath, port: 'http' },
    initialDelaySeconds,
    periodSeconds,
    timeoutSeconds: 2,
    failureThreshold: 3,
  });
  const meta = metadata(o.who, o.who.service, o.namespace);
  if (o.description) {
    meta.annotations = {
      ...meta.annotations,
      'portico.io/description': o.description,
    };
  }
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta,
    spec: {
      revisionHistoryLimit: 5,
      selector: { matchLabels: selectorLabels(o.who.service) },
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
      },
      template: {
        metadata: { labels: metadata(o.who, o.who.service).labels },
        spec: {
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: o.who.service,
              image: o.image,
              imagePullPolicy: 'IfNotPresent',
              ports: [{ name: 'http', containerPort: o.port, protocol: 'TCP' }],
              env,
              ...(envFrom.length ? { envFrom } : {}),
              resources: {
                requests: { ...size.requests },
                limits: { ...size.limits },
              },
              readinessProbe: probe(5, 10),
              livenessProbe: probe(15, 20),
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
            },
          ],
        },
      },
    },
  };
}

export function buildService(o: WorkloadOptions): V1Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadata(o.who, o.who.service, o.namespace),
    spec: {
      type: 'ClusterIP',
      selector: selectorLabels(o.who.service),
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
    },
  };
}

export function buildHpa(o: WorkloadOptions): V2HorizontalPodAutoscaler {
  const size = SIZING[o.traffic];
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: metadata(o.who, o.who.service, o.namespace),
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: o.who.service,
      },
      minReplicas: size.minReplicas,
      maxReplicas: size.maxReplicas,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: {
              type: 'Utilization',
              averageUtilization: size.targetCpuUtilization,
            },
          },
        },
      ],
    },
  };
}

/**
 * Every traffic level may run more than one replica (HPA maxReplicas >= 2), so every service gets
 * a budget: node drains and upgrades evict one pod at a time. maxUnavailable 1 (not minAvailable)
 * never blocks a drain, also while the HPA runs a single replica.
 */
export function buildPodDisruptionBudget(
  o: WorkloadOptions,
): V1PodDisruptionBudget {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: metadata(o.who, o.who.service, o.namespace),
    spec: {
      maxUnavailable: 1,
      selector: { matchLabels: selectorLabels(o.who.service) },
    },
  };
}
