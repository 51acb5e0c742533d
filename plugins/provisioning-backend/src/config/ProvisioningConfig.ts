import type { Config } from '@backstage/config';
import { readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/** Settings of the provisioning plugin, with defaults applied. */
export interface ProvisioningConfig {
  webhookUrl?: string;
  authToken?: string;
  requestTimeoutMs: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  callbackBaseUrl?: string;
  tokenTtlMs: number;
  intervalMs: number;
  batchSize: number;
  leaseMs: number;
}

function positive(config: Config, key: string, fallback: number): number {
  const value = config.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`Invalid config ${key}: must be a positive number`);
  }
  return value;
}

function readTtl(config: Config): number {
  const key = 'provisioning.callback.tokenTtl';
  if (!config.has(key)) return 24 * 3600_000;
  const raw = config.getOptional(key);
  if (typeof raw === 'string') {
    const m = /^(\d+)\s*(s|m|h|d)$/.exec(raw.trim());
    if (!m) throw new Error(`Invalid config ${key}: use e.g. "30m", "24h"`);
    const unit = { s: 1000, m: 60_000, h: 3600_000, d: 86400_000 }[
      m[2] as 's' | 'm' | 'h' | 'd'
    ];
    return Number(m[1]) * unit;
  }
  return durationToMilliseconds(readDurationFromConfig(config, { key }));
}

/** Reads `provisioning.*` (see config.d.ts). */
export function readProvisioningConfig(config: Config): ProvisioningConfig {
  const webhookUrl = config.getOptionalString(
    'provisioning.argoEvents.webhookUrl',
  );
  if (webhookUrl !== undefined && !/^https?:\/\//.test(webhookUrl)) {
    throw new Error(
      'Invalid config provisioning.argoEvents.webhookUrl: must be an http(s) URL',
    );
  }
  const requestTimeoutMs = positive(
    config,
    'provisioning.argoEvents.requestTimeoutMs',
    10_000,
  );
  return {
    webhookUrl,
    authToken: config.getOptionalString('provisioning.argoEvents.authToken'),
    requestTimeoutMs,
    maxAttempts: positive(config, 'provisioning.argoEvents.maxAttempts', 10),
    backoffBaseMs: positive(
      config,
      'provisioning.argoEvents.backoffBaseMs',
      1000,
    ),
    backoffMaxMs: positive(
      config,
      'provisioning.argoEvents.backoffMaxMs',
      60_000,
    ),
    callbackBaseUrl: config
      .getOptionalString('provisioning.callback.baseUrl')
      ?.replace(/\/+$/, ''),
    tokenTtlMs: readTtl(config),
    intervalMs: positive(config, 'provisioning.dispatcher.intervalMs', 1000),
    batchSize: positive(config, 'provisioning.dispatcher.batchSize', 50),
    leaseMs: positive(
      config,
      'provisioning.dispatcher.leaseMs',
      requestTimeoutMs + 15_000,
    ),
  };
}
