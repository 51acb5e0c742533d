import type { Config } from '@backstage/config';
import { readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { argoNameSchema } from '@internal/plugin-argocd-common';

export type ArgoAuth =
  | { kind: 'token'; token: string }
  | { kind: 'password'; username: string; password: string };

export interface ArgoInstanceConfig {
  name: string;
  /** API base URL without a trailing slash. */
  url: string;
  /** UI base URL without a trailing slash. */
  uiUrl: string;
  auth: ArgoAuth;
}

export interface ArgoBackendConfig {
  instances: ArgoInstanceConfig[];
  /** Follow each instance's watch stream (false: list every refreshFrequencyMs instead). */
  watch: boolean;
  /** Safety full list while watching. */
  resyncMs: number;
  /** One watcher session (one run of the global task). */
  sessionMs: number;
  refreshFrequencyMs: number;
  refreshTimeoutMs: number;
  reloadFrequencyMs: number;
  requestTimeoutMs: number;
}

function duration(config: Config, key: string, fallbackMs: number): number {
  return config.has(key)
    ? durationToMilliseconds(readDurationFromConfig(config, { key }))
    : fallbackMs;
}

function baseUrl(config: Config, key: string): string {
  const raw = config.getString(key);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`argocd: ${key} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`argocd: ${key} must be http(s)`);
  }
  return raw.replace(/\/+$/, '');
}

/** Reads and checks `argocd.*`; throws naming the bad key (never its secret value). */
export function readArgoConfig(root: Config): ArgoBackendConfig {
  const config = root.getOptionalConfig('argocd');
  const instances = (config?.getOptionalConfigArray('instances') ?? []).map(
    (c, i) => {
      const name = c.getString('name');
      if (!argoNameSchema.safeParse(name).success) {
        throw new Error(
          `argocd.instances[${i}].name '${name}' must be letters, digits, '.', '_' or '-'`,
        );
      }
      const url = baseUrl(c, 'url');
      const uiUrl = c.has('uiUrl') ? baseUrl(c, 'uiUrl') : url;
      const token = c.getOptionalString('token');
      const username = c.getOptionalString('username');
      const password = c.getOptionalString('password');
      let auth: ArgoAuth;
      if (token) auth = { kind: 'token', token };
      else if (username && password)
        auth = { kind: 'password', username, password };
      else {
        throw new Error(
          `argocd.instances[${i}] (${name}) needs a token, or a username and a password`,
        );
      }
      return { name, url, uiUrl, auth };
    },
  );
  const names = new Set<string>();
  for (const i of instances) {
    if (names.has(i.name))
      throw new Error(`argocd.instances: duplicate name '${i.name}'`);
    names.add(i.name);
  }
  const ms = (key: string, fallback: number) =>
    config ? duration(config, key, fallback) : fallback;
  return {
    instances,
    watch: config?.getOptionalBoolean('watch') ?? true,
    resyncMs: ms('refresh.resync', 600_000),
    sessionMs: ms('refresh.session', 120_000),
    refreshFrequencyMs: ms('refresh.frequency', 30_000),
    refreshTimeoutMs: ms('refresh.timeout', 20_000),
    reloadFrequencyMs: ms('refresh.reload', 500),
    requestTimeoutMs: ms('requestTimeout', 10_000),
  };
}
