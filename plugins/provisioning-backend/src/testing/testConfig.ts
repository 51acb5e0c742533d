import type { ProvisioningConfig } from '../config/ProvisioningConfig';

/** Dispatcher settings for tests: short timeouts and backoff. */
export function testConfig(
  webhookUrl: string,
  overrides: Partial<ProvisioningConfig> = {},
): ProvisioningConfig {
  return {
    webhookUrl,
    authToken: 'harness-eventsource-secret-0123456789',
    requestTimeoutMs: 5000,
    maxAttempts: 50,
    backoffBaseMs: 20,
    backoffMaxMs: 150,
    tokenTtlMs: 3600_000,
    tokenDelivery: 'payload',
    callbackSecret: { namespace: 'argo', kubernetes: {} },
    refusalsPerSourceIp: 20,
    refusalsPerRun: 10,
    refusalWindowMs: 60_000,
    activeRunsPerUser: 10,
    intervalMs: 50,
    batchSize: 50,
    leaseMs: 15_000,
    ...overrides,
  };
}

export const HARNESS_CONTEXT = {
  endpoint: '/provisioning',
  method: 'POST',
  port: '12000',
};
