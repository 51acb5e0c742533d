import { HOURS_PER_MONTH, monthlyCost } from './monthlyCost';

const prices = {
  cpuPerCoreHour: 0.05,
  memoryPerGiBHour: 0.01,
  storagePerGiBMonth: 0.2,
  currency: 'EUR',
  usageWindowSeconds: 300,
};
const GI = 1024 ** 3;

describe('monthlyCost', () => {
  it('bills the larger of requests and usage, plus volumes', () => {
    const cost = monthlyCost(
      {
        cpuUsageCores: 2,
        cpuRequestCores: 1,
        memoryUsageBytes: GI,
        memoryRequestBytes: 4 * GI,
        storageBytes: 20 * GI,
      },
      prices,
    );
    expect(cost.inputs).toEqual({
      cpuCores: 2,
      cpuBasis: 'usage',
      memoryGiB: 4,
      memoryBasis: 'requests',
      storageGiB: 20,
    });
    expect(cost.monthly).toEqual({
      cpu: 2 * HOURS_PER_MONTH * 0.05,
      memory: 4 * HOURS_PER_MONTH * 0.01,
      storage: 4,
      total: 2 * HOURS_PER_MONTH * 0.05 + 4 * HOURS_PER_MONTH * 0.01 + 4,
    });
  });

  it('is zero without figures', () => {
    expect(monthlyCost({}, prices).monthly.total).toBe(0);
  });
});
