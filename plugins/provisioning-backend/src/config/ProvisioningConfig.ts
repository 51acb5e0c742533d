import type { Config } from '@backstage/config';
import { readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/** How a run's callback token reaches the workflow. */
export type TokenDelivery = 'secret' | 'payload';

/** Where the callback token Secrets are written (`tokenDelivery: secret`). */
export interface CallbackSecretConfig {
  /** The namespace the workflows run in (their pods can only mount Secrets of their own). */
  namespace: string;
  kubernetes: {
    url?: string;
    token?: string;
    caData?: string;
    skipTLSVerify?: boolean;
  };
}

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
  tokenDelivery: TokenDelivery;
  callbackSecret: CallbackSecretConfig;
  /** Refused callbacks tolerated per source IP / per run in `refusalWindowMs`, then 429. */
  refusalsPerSourceIp: number;
  refusalsPerRun: number;
  refusalWindowMs: number;
  /** Runs a user may have queued, delivering or running at once. */
  activeRunsPerUser: number;
  intervalMs: number;
  batchSize: number;
  leaseMs: number;
}

/** Default lifetime of a callback token: the WorkflowTemplate's deadline (1 h) plus margin. */
export const DEFAULT_TOKEN_TTL_MS = 90 * 60_000;
/** Longest lifetime a callback token may be given. */
export const MAX_TOKEN_TTL_MS = 6 * 3600_000;
/** Largest dispatcher batch (requests in flight at once per replica). */
export const MAX_BATCH_SIZE = 200;

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
  const ttl = readTtlValue(config, key);
  if (!(ttl > 0) || ttl > MAX_TOKEN_TTL_MS) {
    throw new Error(
      `Invalid config ${key}: must be more than 0 and at most 6h (a callback token is short-lived)`,
    );
  }
  return ttl;
}

function readTtlValue(config: Config, key: string): number {
  if (!config.has(key)) return DEFAULT_TOKEN_TTL_MS;
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
  const tokenDelivery =
    config.getOptionalString('provisioning.callback.tokenDelivery') ?? 'secret';
  if (tokenDelivery !== 'secret' && tokenDelivery !== 'payload') {
    throw new Error(
      `Invalid config provisioning.callback.tokenDelivery: must be 'secret' or 'payload', not '${tokenDelivery}'`,
    );
  }
  if (tokenDelivery === 'payload' && process.env.NODE_ENV === 'production') {
    throw new Error(
      "Invalid config provisioning.callback.tokenDelivery: 'payload' puts the callback token into the webhook event and the Workflow; it is for local development only, production uses 'secret'",
    );
  }
  const secret = config.getOptionalConfig('provisioning.callback.secret');
  const kube = secret?.getOptionalConfig('kubernetes');
  const batchSize = positive(config, 'provisioning.dispatcher.batchSize', 50);
  if (batchSize > MAX_BATCH_SIZE) {
    throw new Error(
      `Invalid config provisioning.dispatcher.batchSize: at most ${MAX_BATCH_SIZE}`,
    );
  }
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
    tokenDelivery,
    callbackSecret: {
      namespace: secret?.getOptionalString('namespace') ?? 'argo',
      kubernetes: {
        url: kube?.getOptionalString('url'),
        token: kube?.getOptionalString('token'),
        caData: kube?.getOptionalString('caData'),
        skipTLSVerify: kube?.getOptionalBoolean('skipTLSVerify'),
      },
    },
    refusalsPerSourceIp: positive(
      config,
      'provisioning.callback.refusals.perSourceIp',
      20,
    ),
    refusalsPerRun: positive(
      config,
      'provisioning.callback.refusals.perRun',
      10,
    ),
    refusalWindowMs:
      positive(config, 'provisioning.callback.refusals.windowSeconds', 60) *
      1000,
    activeRunsPerUser: positive(
      config,
      'provisioning.limits.activeRunsPerUser',
      10,
    ),
    intervalMs: positive(config, 'provisioning.dispatcher.intervalMs', 1000),
    batchSize,
    leaseMs: positive(
      config,
      'provisioning.dispatcher.leaseMs',
      requestTimeoutMs + 15_000,
    ),
  };
}
