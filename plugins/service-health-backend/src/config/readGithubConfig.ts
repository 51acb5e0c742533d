import type { Config } from '@backstage/config';
import { readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

export type GithubAuth =
  | { kind: 'app'; appId: string; privateKey: string; installationId: number }
  | { kind: 'token'; token: string };

export interface GithubSourceConfig {
  /** REST base URL without a trailing slash. */
  apiBaseUrl: string;
  /** Lower-cased organization names whose repositories are read. */
  organizations: ReadonlySet<string>;
  auth: GithubAuth;
  commits: number;
  runs: number;
  frequencyMs: number;
  timeoutMs: number;
  requestTimeoutMs: number;
  concurrency: number;
}

const KEY = 'serviceHealth.github';

function duration(config: Config, key: string, fallbackMs: number): number {
  return config.has(key)
    ? durationToMilliseconds(readDurationFromConfig(config, { key }))
    : fallbackMs;
}

function bounded(config: Config, key: string, fallback: number, max: number) {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`${KEY}.${key} must be a whole number from 1 to ${max}`);
  }
  return value;
}

/**
 * Reads and checks `serviceHealth.github`; undefined when it is not configured. Throws naming the
 * bad key, never a secret's value.
 */
export function readGithubConfig(root: Config): GithubSourceConfig | undefined {
  const config = root.getOptionalConfig(KEY);
  if (!config) return undefined;
  const apiBaseUrl = (
    config.getOptionalString('apiBaseUrl') ?? 'https://api.github.com'
  ).replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(apiBaseUrl);
  } catch {
    throw new Error(`${KEY}.apiBaseUrl is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`${KEY}.apiBaseUrl must be http(s)`);
  }
  const organizations = config.getStringArray('organizations');
  if (organizations.length === 0) {
    throw new Error(`${KEY}.organizations must name at least one organization`);
  }
  const app = config.getOptionalConfig('app');
  const token = config.getOptionalString('token');
  let auth: GithubAuth;
  if (app) {
    auth = {
      kind: 'app',
      appId: String(app.get('appId')),
      privateKey: app.getString('privateKey'),
      installationId: app.getNumber('installationId'),
    };
  } else if (token) {
    auth = { kind: 'token', token };
  } else {
    throw new Error(`${KEY} needs app (a GitHub App installation) or token`);
  }
  return {
    apiBaseUrl,
    organizations: new Set(organizations.map(o => o.toLowerCase())),
    auth,
    commits: bounded(config, 'commits', 10, 100),
    runs: bounded(config, 'runs', 20, 100),
    frequencyMs: duration(config, 'frequency', 5 * 60_000),
    timeoutMs: duration(config, 'timeout', 4 * 60_000),
    requestTimeoutMs: bounded(config, 'requestTimeoutMs', 15_000, 120_000),
    concurrency: bounded(config, 'concurrency', 4, 16),
  };
}
