/*
 * docker/docker-compose.yaml <-> app-config.production.yaml <-> docker/dex/config.yaml:
 * the local stack must give the portal everything its production config reads, and Dex
 * must agree with the portal about issuer, client, connector and group prefix.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  envReferences,
  getPath,
  interpolate,
  interpolateDeep,
  isRecord,
  MissingVariableError,
  parseDotEnv,
  rawServiceEnvironment,
  readText,
  readYaml,
  repoPath,
  serviceEnvironment,
  variableReferences,
} from './testing/checks';

const composeFile = repoPath('docker/docker-compose.yaml');
const compose = readYaml<any>(composeFile);
const services: Record<string, any> = compose.services ?? {};
const envExample = parseDotEnv(readText(repoPath('docker/.env.example')));
const productionConfig = readYaml<any>(repoPath('app-config.production.yaml'));
const dexConfig = readYaml<any>(repoPath('docker/dex/config.yaml'));

/** Every variable referenced anywhere in the compose file. */
function composeVariables(): string[] {
  const names = new Set<string>();
  const visit = (v: unknown) => {
    if (typeof v === 'string') {
      variableReferences(v).forEach(r => names.add(r.name));
    } else if (Array.isArray(v)) {
      v.forEach(visit);
    } else if (isRecord(v)) {
      Object.values(v).forEach(visit);
    }
  };
  visit(compose);
  return [...names].sort();
}

/**
 * A second environment in which every variable has a distinct value: two
 * settings that only agree by coincidence (two equal literals) still agree, but
 * two settings fed by different variables no longer do.
 */
const probeEnv = Object.fromEntries(
  composeVariables().map(n => [n, `probe-${n}`]),
);

const portal = () => services.portal;
const portalEnv = (env: Record<string, string>) =>
  serviceEnvironment(portal(), env);

/** The sign-in provider of the production config: the one with a `production` block. */
function productionAuthProvider(): { id: string; config: Record<string, any> } {
  const providers = getPath(productionConfig, 'auth.providers');
  expect(isRecord(providers)).toBe(true);
  const matches = Object.entries(providers as Record<string, any>).filter(
    ([, v]) => isRecord(v) && isRecord(v.production),
  );
  expect(matches.map(([id]) => id)).toHaveLength(1);
  return { id: matches[0][0], config: matches[0][1].production };
}

function dexClient(clientId: string) {
  const clients = (dexConfig.staticClients ?? []).filter(
    (c: any) => c.id === clientId,
  );
  expect(clients).toHaveLength(1);
  return clients[0];
}

function portOf(url: string): string {
  const u = new URL(url);
  return u.port || (u.protocol === 'https:' ? '443' : '80');
}

/** Host ports published by a service (`"5556:5556"`, `5556`, long syntax). */
function publishedPorts(service: any): string[] {
  return (service?.ports ?? []).map((p: any) => {
    if (isRecord(p)) {
      return String(p.published ?? p.target);
    }
    const parts = String(p).split('/')[0].split(':');
    return parts.length === 1 ? parts[0] : parts[parts.length - 2];
  });
}

describe('docker-compose.yaml', () => {
  it('has the portal, postgres and dex services', () => {
    expect(Object.keys(services).sort()).toEqual(['dex', 'portal', 'postgres']);
  });

  it('builds the portal from the repository with docker/Dockerfile', () => {
    const build = portal().build;
    const context = path.resolve(path.dirname(composeFile), build.context);
    expect(context).toBe(repoPath());
    expect(fs.existsSync(path.resolve(context, build.dockerfile))).toBe(true);
    expect(path.resolve(context, build.dockerfile)).toBe(
      repoPath('docker/Dockerfile'),
    );
    // The registry is a variable, never a host written into the file.
    for (const value of Object.values<string>(build.args ?? {})) {
      expect(String(value)).not.toMatch(/\/\/|\.[a-z]{2,}(?::\d+)?(\/|$)/i);
    }
  });

  it('gives the portal every ${VAR} that app-config.production.yaml uses', () => {
    const used = envReferences(productionConfig);
    expect(used.length).toBeGreaterThan(0);
    const env = portalEnv(envExample);
    const missing = used.filter(name => !(name in env) || env[name] === '');
    expect(missing).toEqual([]);
  });

  it('documents every variable it reads in docker/.env.example', () => {
    const undocumented = composeVariables().filter(
      name => !(name in envExample),
    );
    expect(undocumented).toEqual([]);
  });

  it('contains no secret literal: every secret is a required variable', () => {
    const offenders: string[] = [];
    for (const [serviceName, service] of Object.entries(services)) {
      for (const [key, raw] of Object.entries(rawServiceEnvironment(service))) {
        if (!/PASSWORD|SECRET|TOKEN|_KEY$/.test(key)) {
          continue;
        }
        const refs = variableReferences(raw);
        const isRequiredVariable =
          refs.length === 1 &&
          (refs[0].operator === ':?' || refs[0].operator === '?') &&
          raw.trim() === raw.trim().match(/^\$\{[^}]*\}$/)?.[0];
        if (!isRequiredVariable) {
          offenders.push(`${serviceName}.environment.${key}=${raw}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('refuses to start without the secrets (required markers work)', () => {
    expect(() => interpolateDeep(compose, {})).toThrow(MissingVariableError);
    expect(() => interpolateDeep(compose, envExample)).not.toThrow();
  });

  it('gives the portal the credentials of the postgres service', () => {
    const postgres = services.postgres;
    expect(String(postgres.image)).toMatch(/^postgres:15(\b|$)/);
    for (const env of [envExample, probeEnv]) {
      const p = portalEnv(env);
      const db = serviceEnvironment(postgres, env);
      expect(p.POSTGRES_USER).toBe(db.POSTGRES_USER ?? 'postgres');
      expect(p.POSTGRES_PASSWORD).toBe(db.POSTGRES_PASSWORD);
    }
    const p = portalEnv(envExample);
    expect(p.POSTGRES_HOST).toBe('postgres');
    expect(p.POSTGRES_PORT).toBe(
      serviceEnvironment(postgres, envExample).PGPORT ?? '5432',
    );
  });

  it('starts the portal only when postgres is healthy and dex is up', () => {
    const postgres = services.postgres;
    const test = [].concat(postgres.healthcheck?.test ?? []).join(' ');
    expect(test).toMatch(/pg_isready/);
    expect(portal().depends_on?.postgres?.condition).toBe('service_healthy');
    expect(portal().depends_on?.dex).toBeDefined();
    expect(['service_started', 'service_healthy']).toContain(
      portal().depends_on.dex.condition ?? 'service_started',
    );
    // Waiting for "healthy" needs a healthcheck on dex.
    const waitsForHealthy =
      portal().depends_on.dex.condition === 'service_healthy';
    expect(
      !waitsForHealthy || services.dex.healthcheck?.test !== undefined,
    ).toBe(true);
  });

  it('publishes the portal port of backend.listen', () => {
    const listen = String(getPath(productionConfig, 'backend.listen'));
    const port = listen.replace(/^.*:/, '');
    expect(port).toBe('7007');
    const networkMode: string | undefined = portal().network_mode;
    const owner = networkMode?.startsWith('service:')
      ? services[networkMode.slice('service:'.length)]
      : portal();
    expect(publishedPorts(owner)).toContain(port);
    const baseUrl = portalEnv(envExample).PORTICO_BASE_URL;
    expect(portOf(baseUrl)).toBe(port);
  });
});

describe('Dex (docker/dex/config.yaml) and the portal', () => {
  it('uses the issuer the portal is given', () => {
    for (const env of [envExample, probeEnv]) {
      expect(portalEnv(env).DEX_ISSUER_URL).toBe(dexConfig.issuer);
    }
    // metadataUrl as the backend resolves it
    const { config } = productionAuthProvider();
    // Backstage's ${VAR} substitution, with the values compose gives the portal.
    const metadataUrl = interpolate(
      String(config.metadataUrl),
      portalEnv(envExample),
    );
    expect(metadataUrl).toBe(
      `${dexConfig.issuer}/.well-known/openid-configuration`,
    );
  });

  it('is reachable at the issuer URL from inside the portal container too', () => {
    // Backstage fetches the discovery document and the token endpoint from the
    // issuer URL at server side. If that URL says localhost, the portal must share
    // Dex's network namespace; otherwise the issuer host must be a compose service.
    const issuer = new URL(dexConfig.issuer);
    const issuerPort = portOf(dexConfig.issuer);
    expect(String(dexConfig.web?.http)).toMatch(
      new RegExp(`^0\\.0\\.0\\.0:${issuerPort}$`),
    );
    expect(publishedPorts(services.dex)).toContain(issuerPort);
    const issuerIsLoopback = ['localhost', '127.0.0.1'].includes(
      issuer.hostname,
    );
    const reachable = issuerIsLoopback
      ? portal().network_mode === 'service:dex'
      : Object.keys(services).includes(issuer.hostname);
    expect({
      issuer: dexConfig.issuer,
      networkMode: portal().network_mode,
      reachable,
    }).toEqual({
      issuer: dexConfig.issuer,
      networkMode: portal().network_mode,
      reachable: true,
    });
  });

  it('has a static client whose id is DEX_CLIENT_ID', () => {
    for (const env of [envExample, probeEnv]) {
      expect(dexClient(portalEnv(env).DEX_CLIENT_ID).id).toBe(
        portalEnv(env).DEX_CLIENT_ID,
      );
    }
  });

  it('reads the client secret from the variable the portal gets as DEX_CLIENT_SECRET', () => {
    const client = dexClient(portalEnv(envExample).DEX_CLIENT_ID);
    expect(client.secret).toBeUndefined();
    expect(typeof client.secretEnv).toBe('string');
    for (const env of [envExample, probeEnv]) {
      const dexEnv = serviceEnvironment(services.dex, env);
      expect(dexEnv[client.secretEnv]).toBeDefined();
      expect(dexEnv[client.secretEnv]).toBe(portalEnv(env).DEX_CLIENT_SECRET);
    }
  });

  it('redirects to the portal provider callback', () => {
    const { id } = productionAuthProvider();
    const client = dexClient(portalEnv(envExample).DEX_CLIENT_ID);
    for (const env of [envExample, probeEnv]) {
      const baseUrl = portalEnv(env).PORTICO_BASE_URL;
      expect(client.redirectURIs).toContain(
        `${baseUrl}/api/auth/${id}/handler/frame`,
      );
    }
  });

  it('mounts the config file that `dex serve` reads', () => {
    const dex = services.dex;
    expect(String(dex.image)).toMatch(/dexidp\/dex:v\d+\.\d+\.\d+/);
    const command: string[] = Array.isArray(dex.command)
      ? dex.command
      : String(dex.command).split(/\s+/);
    expect(command.slice(0, 2)).toEqual(['dex', 'serve']);
    const mount = (dex.volumes ?? [])
      .map((v: string) => String(v).split(':'))
      .find((parts: string[]) => parts[1] === command[2]);
    expect(mount).toBeDefined();
    expect(path.resolve(path.dirname(composeFile), mount[0])).toBe(
      repoPath('docker/dex/config.yaml'),
    );
  });
});

describe('Dex connectors (docker/dex/config.yaml)', () => {
  it('has no password database: no demo users with known passwords', () => {
    expect(dexConfig.enablePasswordDB ?? false).toBe(false);
    expect(dexConfig.staticPasswords ?? []).toEqual([]);
  });

  it('signs in through GitHub: the org teams become "<org>:<slug>" groups, the login is the id', () => {
    const github = (dexConfig.connectors ?? []).find((c: any) => c.type === 'github');
    expect(github).toBeDefined();
    expect(github.config).toMatchObject({
      clientID: '$GITHUB_CLIENT_ID',
      clientSecret: '$GITHUB_CLIENT_SECRET',
      teamNameField: 'slug',
      useLoginAsID: true,
      orgs: [{ name: '$GITHUB_ORG' }],
    });
    for (const env of [envExample, probeEnv]) {
      const dexEnv = serviceEnvironment(services.dex, env);
      // The resolver's prefix is the organisation Dex sends teams of.
      expect(portalEnv(env).DEX_GROUP_PREFIX).toBe(`${dexEnv.GITHUB_ORG}:`);
      expect(dexEnv.GITHUB_CLIENT_ID).toBeDefined();
      expect(dexEnv.GITHUB_CLIENT_SECRET).toBeDefined();
    }
  });
});
