/*
 * app-config.yaml + app-config.production.yaml, loaded the way the image's CMD
 * loads them (both files, production last) with the environment compose gives
 * the portal.
 */
import {
  envReferences,
  getPath,
  guestAllowedOutsideDevelopment,
  isRecord,
  loadMergedConfig,
  parseDotEnv,
  readText,
  readYaml,
  repoPath,
  repoRoot,
  serviceEnvironment,
} from './testing/checks';

// Loading config through config-loader can be slow on a busy machine.
jest.setTimeout(60_000);

const files = ['app-config.yaml', 'app-config.production.yaml'];

const loadProductionConfig = (env: Record<string, string>) =>
  loadMergedConfig(
    repoRoot,
    files.map(f => repoPath(f)),
    env,
  );

function composePortalEnv(): Record<string, string> {
  const compose = readYaml<any>(repoPath('docker/docker-compose.yaml'));
  const envExample = parseDotEnv(readText(repoPath('docker/.env.example')));
  return serviceEnvironment(compose.services.portal, envExample);
}

describe('app config files', () => {
  it.each(files)('%s parses as a YAML map', file => {
    expect(isRecord(readYaml(repoPath(file)))).toBe(true);
  });

  it('loads with Backstage config-loader, every ${VAR} resolved from the compose environment', async () => {
    const { config, unresolved } = await loadProductionConfig(
      composePortalEnv(),
    );
    try {
      expect(unresolved).toEqual([]);
      expect(config.getString('backend.database.client')).toBe('pg');
      expect(config.getString('app.baseUrl')).toBe('http://localhost:7007');
    } finally {
      config.close();
    }
  });

  it('does not enable the guest provider in production', async () => {
    const production = readYaml<any>(repoPath('app-config.production.yaml'));
    expect(getPath(production, 'auth.environment')).toBe('production');
    const { config } = await loadProductionConfig(composePortalEnv());
    try {
      // Either no guest config at all, or one that keeps the provider's own
      // refusal outside NODE_ENV=development (the image sets NODE_ENV=production;
      // see dockerfile.test.ts).
      expect(guestAllowedOutsideDevelopment(config)).toBe(false);
      // A real sign-in provider is configured for the production environment.
      const providers = config.getConfig('auth.providers');
      const withProduction = providers
        .keys()
        .filter(
          id =>
            id !== 'guest' && providers.getOptionalConfig(`${id}.production`),
        );
      expect(withProduction.length).toBeGreaterThan(0);
    } finally {
      config.close();
    }
  });

  it('takes every secret of the production config from the environment', () => {
    const production = readYaml<any>(repoPath('app-config.production.yaml'));
    const literals: string[] = [];
    const visit = (value: unknown, at: string) => {
      if (isRecord(value)) {
        Object.entries(value).forEach(([k, v]) =>
          visit(v, at ? `${at}.${k}` : k),
        );
      } else if (Array.isArray(value)) {
        value.forEach((v, i) => visit(v, `${at}[${i}]`));
      } else if (
        /(secret|password|token)$/i.test(at) &&
        !/^\$\{\w+\}$/.test(String(value))
      ) {
        literals.push(at);
      }
    };
    visit(production, '');
    expect(literals).toEqual([]);
    expect(envReferences(production)).toEqual(
      expect.arrayContaining([
        'AUTH_SESSION_SECRET',
        'BACKEND_SECRET',
        'POSTGRES_PASSWORD',
      ]),
    );
  });

  it('serves the frontend from the backend (one origin)', () => {
    const production = readYaml<any>(repoPath('app-config.production.yaml'));
    const appBaseUrl = getPath(production, 'app.baseUrl');
    expect(getPath(production, 'backend.baseUrl')).toBe(appBaseUrl);
    expect(getPath(production, 'backend.cors.origin')).toBe(appBaseUrl);
  });
});
