import type { CostResponse } from '@internal/plugin-observability-common';
import type { ObservabilityConfig } from '../config/ObservabilityConfig';

/** Hours in an average month (365 × 24 / 12). */
export const HOURS_PER_MONTH = 730;
const GIB = 1024 ** 3;

/** Current resource figures of one service; `undefined` where Prometheus has no sample. */
export interface ResourceFigures {
  cpuUsageCores?: number;
  cpuRequestCores?: number;
  memoryUsageBytes?: number;
  memoryRequestBytes?: number;
  storageBytes?: number;
}

function round(value: number) {
  return Math.round(value * 100) / 100;
}

/**
 * Monthly estimate: CPU cores (requests or usage, whichever is larger) × hours × price, plus
 * memory GiB (same rule) × hours × price, plus persistent volume GiB × monthly price.
 */
export function monthlyCost(
  figures: ResourceFigures,
  prices: ObservabilityConfig['cost'],
): Omit<CostResponse, 'empty'> {
  const cpuUsage = figures.cpuUsageCores ?? 0;
  const cpuRequests = figures.cpuRequestCores ?? 0;
  const memUsage = figures.memoryUsageBytes ?? 0;
  const memRequests = figures.memoryRequestBytes ?? 0;
  const cpuCores = Math.max(cpuUsage, cpuRequests);
  const memoryGiB = Math.max(memUsage, memRequests) / GIB;
  const storageGiB = (figures.storageBytes ?? 0) / GIB;
  const cpu = cpuCores * HOURS_PER_MONTH * prices.cpuPerCoreHour;
  const memory = memoryGiB * HOURS_PER_MONTH * prices.memoryPerGiBHour;
  const storage = storageGiB * prices.storagePerGiBMonth;
  return {
    currency: prices.currency,
    monthly: {
      cpu: round(cpu),
      memory: round(memory),
      storage: round(storage),
      total: round(cpu + memory + storage),
    },
    inputs: {
      cpuCores: Math.round(cpuCores * 1000) / 1000,
      cpuBasis: cpuUsage > cpuRequests ? 'usage' : 'requests',
      memoryGiB: Math.round(memoryGiB * 1000) / 1000,
      memoryBasis: memUsage > memRequests ? 'usage' : 'requests',
      storageGiB: Math.round(storageGiB * 1000) / 1000,
    },
  };
}
