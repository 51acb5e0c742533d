import type { Config } from '@backstage/config';
import { SIGNAL_SERIES } from '@internal/plugin-observability-common';
import {
  defaultTemplates,
  type HttpMetricFamily,
  type QueryTemplates,
  type TemplateSignal,
} from '../query/defaultTemplates';
import { labelNameProblem } from '../query/labels';
import { templateProblem } from '../query/renderTemplate';
import type { SelectorDefaults } from '../query/entitySelector';

export interface UpstreamConfig {
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

export interface GrafanaConfig {
  /** As browsers reach it. */
  url: string;
  /** As the backend reaches it. */
  internalUrl: string;
  embedMode: 'iframe' | 'render-proxy';
  serviceAccountToken?: string;
  defaultDashboard?: {
    uid: string;
    panels: Array<{ id: number; title?: string }>;
  };
  /**
   * Dashboards an entity's `grafana/dashboard-url` may name: per team (group name), plus
   * `sharedDashboards` and the default dashboard for every team.
   */
  teamDashboards: Record<string, string[]>;
  sharedDashboards: string[];
  variables: { service: string; namespace: string };
  timeoutMs: number;
}

/** Per-caller budget of the routes that reach Prometheus, Loki or Grafana. */
export interface RateLimitConfig {
  requestsPerMinute: number;
  burst: number;
  /** Callers whose budget is remembered at once (least recently seen forgotten first). */
  maxCallers: number;
}

export interface ObservabilityConfig {
  prometheus?: UpstreamConfig;
  loki?: UpstreamConfig & { levelLabel: string };
  grafana?: GrafanaConfig;
  selector: SelectorDefaults;
  templates: QueryTemplates;
  cost: {
    cpuPerCoreHour: number;
    memoryPerGiBHour: number;
    storagePerGiBMonth: number;
    usageWindowSeconds: number;
    currency: string;
  };
  limits: {
    maxRangeSeconds: number;
    minStepSeconds: number;
    maxLogLines: number;
  };
  cache: { ttlSeconds: number; maxEntries: number; maxBytes: number };
  rateLimit: RateLimitConfig;
  minRateWindowSeconds: number;
}

const TEMPLATE_SERIES: Record<TemplateSignal, readonly string[]> = {
  ...SIGNAL_SERIES,
  storage: ['bytes'],
};

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function readHeaders(config: Config | undefined, key: string) {
  const headers: Record<string, string> = {};
  const token = config?.getOptionalString('token');
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  const extra = config?.getOptionalConfig(key);
  for (const name of extra?.keys() ?? []) {
    headers[name] = extra!.getString(name);
  }
  return headers;
}

function checkLabelName(name: string, key: string): string {
  const problem = labelNameProblem(name);
  if (problem) {
    throw new Error(`Invalid config ${key}: ${problem}`);
  }
  return name;
}

/** Grafana dashboard uids (as in `/d/<uid>/...`). */
export const DASHBOARD_UID = /^[a-zA-Z0-9_-]{1,64}$/;

function dashboardUids(config: Config, key: string, path: string): string[] {
  const uids = config.getOptionalStringArray(key) ?? [];
  for (const uid of uids) {
    if (!DASHBOARD_UID.test(uid)) {
      throw new Error(
        `Invalid config observability.grafana.${path}: "${uid.slice(
          0,
          64,
        )}" is not a dashboard uid ([a-zA-Z0-9_-], at most 64 characters)`,
      );
    }
  }
  return uids;
}

function positive(
  config: Config | undefined,
  key: string,
  fallback: number,
): number {
  const value = config?.getOptionalNumber(key) ?? fallback;
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new Error(
      `Invalid config observability.${key}: must be a positive number`,
    );
  }
  return value;
}

/** Reads `observability.*`, fills defaults and checks templates and label names (start fails). */
export function readObservabilityConfig(root: Config): ObservabilityConfig {
  const config = root.getOptionalConfig('observability');

  const prom = config?.getOptionalConfig('prometheus');
  const loki = config?.getOptionalConfig('loki');
  const grafana = config?.getOptionalConfig('grafana');

  const http = (config?.getOptionalString('httpMetrics') ??
    'prometheus') as HttpMetricFamily;
  if (http !== 'prometheus' && http !== 'micrometer') {
    throw new Error(
      'Invalid config observability.httpMetrics: must be prometheus or micrometer',
    );
  }
  const templates = defaultTemplates(http);
  const overrides = config?.getOptionalConfig('queries');
  for (const signal of overrides?.keys() ?? []) {
    const known = TEMPLATE_SERIES[signal as TemplateSignal];
    if (!known) {
      throw new Error(
        `Invalid config observability.queries.${signal}: unknown signal (known: ${Object.keys(
          TEMPLATE_SERIES,
        ).join(', ')})`,
      );
    }
    const series = overrides!.getConfig(signal);
    for (const name of series.keys()) {
      if (!known.includes(name)) {
        throw new Error(
          `Invalid config observability.queries.${signal}.${name}: unknown series (known: ${known.join(
            ', ',
          )})`,
        );
      }
      const template = series.getString(name);
      const problem = templateProblem(template);
      if (problem) {
        throw new Error(
          `Invalid config observability.queries.${signal}.${name}: ${problem}`,
        );
      }
      templates[signal as TemplateSignal][name] = template;
    }
  }

  const levelLabel = checkLabelName(
    loki?.getOptionalString('levelLabel') ?? 'detected_level',
    'observability.loki.levelLabel',
  );
  const grafanaUrl = grafana && trimSlash(grafana.getString('url'));
  const embedMode = (grafana?.getOptionalString('embedMode') ?? 'iframe') as
    | 'iframe'
    | 'render-proxy';
  if (embedMode !== 'iframe' && embedMode !== 'render-proxy') {
    throw new Error(
      'Invalid config observability.grafana.embedMode: must be iframe or render-proxy',
    );
  }
  const serviceAccountToken = grafana?.getOptionalString('serviceAccountToken');
  if (embedMode === 'render-proxy' && !serviceAccountToken) {
    throw new Error(
      'Invalid config observability.grafana: embedMode render-proxy needs serviceAccountToken',
    );
  }
  const defaultDashboard = grafana?.getOptionalConfig('defaultDashboard');
  const teamDashboards: Record<string, string[]> = {};
  const teams = grafana?.getOptionalConfig('teamDashboards');
  for (const team of teams?.keys() ?? []) {
    teamDashboards[team] = dashboardUids(
      teams!,
      team,
      `teamDashboards.${team}`,
    );
  }
  const sharedDashboards = grafana
    ? dashboardUids(grafana, 'sharedDashboards', 'sharedDashboards')
    : [];

  return {
    prometheus: prom && {
      url: trimSlash(prom.getString('url')),
      headers: readHeaders(prom, 'headers'),
      timeoutMs: (prom.getOptionalNumber('timeout') ?? 10) * 1000,
    },
    loki: loki && {
      url: trimSlash(loki.getString('url')),
      headers: {
        ...readHeaders(loki, 'headers'),
        ...(loki.getOptionalString('tenant')
          ? { 'X-Scope-OrgID': loki.getString('tenant') }
          : {}),
      },
      timeoutMs: (loki.getOptionalNumber('timeout') ?? 10) * 1000,
      levelLabel,
    },
    grafana: grafana && {
      url: grafanaUrl!,
      internalUrl: trimSlash(
        grafana.getOptionalString('internalUrl') ?? grafanaUrl!,
      ),
      embedMode,
      serviceAccountToken,
      defaultDashboard: defaultDashboard && {
        uid: defaultDashboard.getString('uid'),
        panels: defaultDashboard.getConfigArray('panels').map(p => ({
          id: p.getNumber('id'),
          title: p.getOptionalString('title'),
        })),
      },
      teamDashboards,
      sharedDashboards,
      variables: {
        service: grafana.getOptionalString('variables.service') ?? 'service',
        namespace:
          grafana.getOptionalString('variables.namespace') ?? 'namespace',
      },
      timeoutMs: (grafana.getOptionalNumber('timeout') ?? 20) * 1000,
    },
    selector: {
      namespaceLabel: checkLabelName(
        config?.getOptionalString('selector.namespaceLabel') ?? 'namespace',
        'observability.selector.namespaceLabel',
      ),
      appLabel: checkLabelName(
        config?.getOptionalString('selector.appLabel') ?? 'app',
        'observability.selector.appLabel',
      ),
    },
    templates,
    cost: {
      cpuPerCoreHour: config?.getOptionalNumber('cost.cpuPerCoreHour') ?? 0.031,
      memoryPerGiBHour:
        config?.getOptionalNumber('cost.memoryPerGiBHour') ?? 0.004,
      storagePerGiBMonth:
        config?.getOptionalNumber('cost.storagePerGiBMonth') ?? 0.1,
      usageWindowSeconds: positive(config, 'cost.usageWindowSeconds', 300),
      currency: config?.getOptionalString('cost.currency') ?? 'USD',
    },
    limits: {
      maxRangeSeconds: positive(config, 'limits.maxRangeSeconds', 30 * 86400),
      minStepSeconds: positive(config, 'limits.minStepSeconds', 10),
      maxLogLines: positive(config, 'limits.maxLogLines', 1000),
    },
    minRateWindowSeconds: positive(config, 'minRateWindowSeconds', 60),
    cache: {
      ttlSeconds: positive(config, 'cache.ttlSeconds', 15),
      maxEntries: positive(config, 'cache.maxEntries', 2000),
      maxBytes: positive(config, 'cache.maxBytes', 64 * 1024 * 1024),
    },
    rateLimit: {
      requestsPerMinute: positive(config, 'rateLimit.requestsPerMinute', 300),
      burst: positive(config, 'rateLimit.burst', 60),
      maxCallers: positive(config, 'rateLimit.maxCallers', 10000),
    },
  };
}
