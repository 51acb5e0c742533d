/*
 * The harness's configuration: the test's peers, ports and database, with the shipped rules
 * (external access restrictions, catalog rules, Dex sign-in resolvers, access groups, provisioning
 * templates) copied from app-config.yaml + app-config.production.yaml, validated as strictly as
 * the shipped backend validates its own (strictRootConfigServiceFactory).
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfigSchema } from '@backstage/config-loader';
import { getPackages } from '@manypkg/get-packages';
import { findConfigProblems } from '@internal/config-validation-node';
import { repoRoot } from '@internal/template-checks';
import YAML from 'yaml';
import { DEX_GROUP_PREFIX, TEAM_NAMESPACES } from './org';
import type { Peers } from './peers';
import { TEST_SECRETS } from './secrets';

/** `app-config.yaml` merged with `app-config.production.yaml` (no substitution), to copy the shipped rules. */
function shippedConfig(): Record<string, any> {
  const read = (file: string) => YAML.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8')) ?? {};
  const merge = (a: any, b: any): any => {
    if (Array.isArray(b) || typeof b !== 'object' || b === null) return b;
    const out = { ...(typeof a === 'object' && a && !Array.isArray(a) ? a : {}) };
    for (const [k, v] of Object.entries(b)) out[k] = merge(out[k], v);
    return out;
  };
  return merge(read('app-config.yaml'), read('app-config.production.yaml'));
}

/** Replaces `${VAR}` strings in a copied piece of shipped config with the test's values. */
function fill(value: any, vars: Record<string, string>, at: string): any {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Z0-9_]+)\}/g, (_, name) => {
      if (!(name in vars)) throw new Error(`security-checks: no test value for \${${name}} at ${at}`);
      return vars[name];
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => fill(v, vars, `${at}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, vars, `${at}.${k}`)]));
  }
  return value;
}

export interface TestConfigOptions {
  baseUrl: string;
  port: number;
  pgUrl: string;
  /** Database name prefix: each plugin's database is `<prefix><pluginId>`. */
  prefix: string;
  /** Directory of the org and services catalog files and the TechDocs output. */
  tmp: string;
  peers: Peers;
}

/** The configuration the harness starts the backend with; throws naming every problem the strict check finds. */
export async function porticoTestConfig(options: TestConfigOptions): Promise<Record<string, any>> {
  const { baseUrl, port, pgUrl, prefix, tmp } = options;
  const { dex, git, gitHost, argocd, webhook, observability } = options.peers;
  const shipped = shippedConfig();
  const { packages } = await getPackages(repoRoot);
  const schema = await loadConfigSchema({
    dependencies: packages.map(p => p.packageJson.name),
    noUndeclaredProperties: true,
  });
  /** Whether some package declares this key (for keys that plugins are adding as this suite runs). */
  const schemaDeclares = (key: string) =>
    ((schema.serialize().schemas ?? []) as Array<{ value: any }>).some(({ value }) => {
      let node = value;
      for (const part of key.split('.')) {
        node = node?.properties?.[part];
        if (!node) return false;
      }
      return true;
    });
  const shippedDex = shipped.auth?.providers?.dex?.production ?? {};
  const config = {
    app: { baseUrl },
    organization: { name: 'Portico security checks' },
    backend: {
      baseUrl,
      listen: { port, host: '127.0.0.1' },
      database: { client: 'pg', connection: pgUrl, prefix },
      reading: { allow: [{ host: gitHost }] },
      auth: {
        externalAccess: [
          // The production key's restrictions, with a test token.
          ...(shipped.backend?.auth?.externalAccess ?? []).map((entry: any) => ({
            type: 'static',
            options: { token: TEST_SECRETS.staticKey, subject: 'production-static-key' },
            ...(entry.accessRestrictions ? { accessRestrictions: entry.accessRestrictions } : {}),
          })),
          { type: 'static', options: { token: TEST_SECRETS.unrestrictedKey, subject: 'unrestricted-ci' } },
        ],
      },
    },
    auth: {
      environment: 'production',
      session: { secret: TEST_SECRETS.sessionSecret },
      providers: {
        dex: {
          production: {
            ...fill(
              Object.fromEntries(
                Object.entries(shippedDex).filter(([k]) => !['metadataUrl', 'clientId', 'clientSecret'].includes(k)),
              ),
              { DEX_GROUP_PREFIX, PORTICO_DEX_GROUP_PREFIX: DEX_GROUP_PREFIX },
              'auth.providers.dex.production',
            ),
            metadataUrl: `${dex.issuer}/.well-known/openid-configuration`,
            clientId: dex.clientId,
            clientSecret: dex.clientSecret,
          },
        },
      },
    },
    techdocs: {
      builder: 'external',
      publisher: { type: 'local', local: { publishDirectory: path.join(tmp, 'techdocs') } },
    },
    catalog: {
      ...(shipped.catalog?.rules ? { rules: shipped.catalog.rules } : {}),
      locations: [
        { type: 'file', target: path.join(tmp, 'org.yaml'), rules: [{ allow: ['User', 'Group'] }] },
        { type: 'file', target: path.join(repoRoot, 'templates', 'all.yaml'), rules: [{ allow: ['Template', 'Location'] }] },
        { type: 'file', target: path.join(tmp, 'services.yaml'), rules: [{ allow: ['Component'] }] },
      ],
    },
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [{ type: 'config', clusters: [] }],
    },
    permission: { enabled: true },
    portico: {
      access: shipped.portico?.access ?? {
        adminGroups: ['group:default/portico-admins'],
        auditorGroups: ['group:default/auditors'],
      },
      teamNamespaces: { source: 'static', static: TEAM_NAMESPACES },
      scaffolder: {
        imageRepository: 'registry.local/portico',
        gitops: { repoUrl: `${gitHost}?owner=platform&repo=gitops`, branch: 'main' },
        git: { provider: 'loopback', baseUrl: git.url, loopback: { adminToken: git.adminToken } },
      },
    },
    audit: { writer: { intervalMs: 50 } },
    provisioning: {
      // The templates runs may be started for, with their parameter schemas, as shipped.
      ...(shipped.provisioning?.templates ? { templates: shipped.provisioning.templates } : {}),
      ...(schemaDeclares('provisioning.callback.tokenDelivery')
        ? { callback: { tokenDelivery: 'payload' } }
        : {}),
      argoEvents: {
        webhookUrl: webhook.url,
        authToken: webhook.token,
        maxAttempts: 3,
        backoffBaseMs: 20,
        backoffMaxMs: 100,
        requestTimeoutMs: 3000,
      },
      dispatcher: { intervalMs: 100 },
    },
    argocd: {
      instances: [{ name: argocd.instance, url: argocd.url, token: argocd.token }],
      // watched: a full list (the safety resync) every 2 s, which replicas.test.ts counts
      refresh: { frequency: { seconds: 2 }, resync: { seconds: 2 } },
    },
    observability: {
      prometheus: { url: observability.url, timeout: 5 },
      loki: { url: observability.url, timeout: 5 },
      grafana: {
        url: observability.url,
        embedMode: 'render-proxy',
        serviceAccountToken: TEST_SECRETS.grafanaToken,
        defaultDashboard: { uid: 'service-overview', panels: [{ id: 2, title: 'Request rate' }] },
      },
    },
  };

  // The same strict check the shipped backend runs at start (strictRootConfigServiceFactory).
  const problems = findConfigProblems({ data: config, schema, missingEnv: [], requireEnv: false });
  if (problems.length) {
    throw new Error(`security-checks: the test configuration is invalid:\n${problems.join('\n')}`);
  }
  return config;
}
