/**
 * What each expected-traffic level means in replicas (HPA bounds), resources and quota. The
 * Deployment leaves `replicas` to the HPA: a fixed value in Git would make Argo CD's self-heal
 * undo every scale-up.
 */
export type Traffic = 'low' | 'medium' | 'high';

interface Sizing {
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

/** One traffic level, read as a row of the table below. */
const sizing = (
  [minReplicas, maxReplicas]: [number, number],
  targetCpuUtilization: number,
  [requestsCpu, requestsMemory]: [string, string],
  [limitsCpu, limitsMemory]: [string, string],
  quota: [string, string, string, string, string],
): Sizing => ({
  minReplicas,
  maxReplicas,
  targetCpuUtilization,
  requests: { cpu: requestsCpu, memory: requestsMemory },
  limits: { cpu: limitsCpu, memory: limitsMemory },
  quota: {
    'requests.cpu': quota[0],
    'requests.memory': quota[1],
    'limits.cpu': quota[2],
    'limits.memory': quota[3],
    pods: quota[4],
  },
});

// prettier-ignore
export const SIZING: Record<Traffic, Sizing> = {
  //            replicas  cpu %  requests           limits            quota: requests cpu/memory, limits cpu/memory, pods
  low:    sizing([1, 2],  75, ['100m', '128Mi'], ['500m', '256Mi'], ['1', '1Gi', '2', '2Gi', '10']),
  medium: sizing([2, 5],  70, ['250m', '256Mi'], ['1', '512Mi'],    ['4', '4Gi', '8', '8Gi', '20']),
  high:   sizing([3, 10], 65, ['500m', '512Mi'], ['1', '1Gi'],      ['8', '8Gi', '16', '16Gi', '40']),
};
