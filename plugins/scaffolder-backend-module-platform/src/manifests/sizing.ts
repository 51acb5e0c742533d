/**
 * What each expected-traffic level means in replicas (HPA bounds), resources and quota. The
 * Deployment leaves `replicas` to the HPA: a fixed value in Git would make Argo CD's self-heal
 * undo every scale-up.
 */
export type Traffic = 'low' | 'medium' | 'high';

export interface Sizing {
  minReplicas: number;
  maxReplicas: number;
  targetCpuUtilization: number;
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
  quota: {
    'requests.cpu': string;
    'requests.memory': string;
    'limits.cpu': string;
    'limits.memory': string;
    pods: string;
  };
}

export const SIZING: Record<Traffic, Sizing> = {
  low: {
    minReplicas: 1,
    maxReplicas: 2,
    targetCpuUtilization: 75,
    requests: { cpu: '100m', memory: '128Mi' },
    limits: { cpu: '500m', memory: '256Mi' },
    quota: {
      'requests.cpu': '1',
      'requests.memory': '1Gi',
      'limits.cpu': '2',
      'limits.memory': '2Gi',
      pods: '10',
    },
  },
  medium: {
    minReplicas: 2,
    maxReplicas: 5,
    targetCpuUtilization: 70,
    requests: { cpu: '250m', memory: '256Mi' },
    limits: { cpu: '1', memory: '512Mi' },
    quota: {
      'requests.cpu': '4',
      'requests.memory': '4Gi',
      'limits.cpu': '8',
      'limits.memory': '8Gi',
      pods: '20',
    },
  },
  high: {
    minReplicas: 3,
    maxReplicas: 10,
    targetCpuUtilization: 65,
    requests: { cpu: '500m', memory: '512Mi' },
    limits: { cpu: '1', memory: '1Gi' },
    quota: {
      'requests.cpu': '8',
      'requests.memory': '8Gi',
      'limits.cpu': '16',
      'limits.memory': '16Gi',
      pods: '40',
    },
  },
};
