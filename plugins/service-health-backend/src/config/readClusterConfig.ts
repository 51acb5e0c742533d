import type { Config } from '@backstage/config';
import { readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import type { ClusterConnection } from '@internal/plugin-portico-node';

export interface ClusterSourceConfig {
  connection: ClusterConnection;
  /** The workloads' label that carries the app name (kubernetes-id or the entity's name). */
  appLabel: string;
  frequencyMs: number;
  timeoutMs: number;
}

const KEY = 'serviceHealth.cluster';
const LABEL_NAME =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

function duration(config: Config, key: string, fallbackMs: number): number {
  return config.has(key)
    ? durationToMilliseconds(readDurationFromConfig(config, { key }))
    : fallbackMs;
}

/**
 * Reads and checks `serviceHealth.cluster` (the cluster whose trivy-operator reports are read);
 * undefined when it is not configured. Throws naming the bad key, never the token.
 */
export function readClusterConfig(
  root: Config,
): ClusterSourceConfig | undefined {
  const config = root.getOptionalConfig(KEY);
  if (!config) return undefined;
  const url = config.getOptionalString('url');
  if (url !== undefined) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`${KEY}.url is not a URL`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw new Error(`${KEY}.url must be http(s)`);
    }
  }
  const appLabel =
    config.getOptionalString('appLabel') ?? 'app.kubernetes.io/name';
  if (!LABEL_NAME.test(appLabel)) {
    throw new Error(`${KEY}.appLabel must be a Kubernetes label name`);
  }
  return {
    connection: {
      url,
      token: config.getOptionalString('token'),
      caData: config.getOptionalString('caData'),
      skipTLSVerify: config.getOptionalBoolean('skipTLSVerify'),
    },
    appLabel,
    frequencyMs: duration(config, 'frequency', 10 * 60_000),
    timeoutMs: duration(config, 'timeout', 5 * 60_000),
  };
}
