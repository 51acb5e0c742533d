import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigSources, loadConfigSchema } from '@backstage/config-loader';
import { getPackages } from '@manypkg/get-packages';
import { findConfigProblems, InvalidConfigError } from './validateConfig';

/**
 * The backend's root config, loaded like the default one (`--config` arguments, APP_CONFIG_*
 * variables), then checked before any plugin starts: a key that no installed package declares
 * stops the backend, and so does — in production (`NODE_ENV=production`) — a `${VAR}` whose
 * environment variable is not set. The error names every offending key and variable.
 */
export const strictRootConfigServiceFactory = createServiceFactory({
  service: coreServices.rootConfig,
  deps: {},
  async factory() {
    const missingEnv: string[] = [];
    const source = ConfigSources.default({
      substitutionFunc: async name => {
        const value = process.env[name]?.trim();
        if (value === undefined || value === '') {
          missingEnv.push(name);
          return undefined;
        }
        return value;
      },
    });
    const config = await ConfigSources.toConfig(source);

    const { packages } = await getPackages(process.cwd());
    const schema = await loadConfigSchema({
      dependencies: packages.map(p => p.packageJson.name),
      noUndeclaredProperties: true,
    });
    const problems = findConfigProblems({
      data: config.getOptional() ?? {},
      schema,
      missingEnv,
      requireEnv: process.env.NODE_ENV === 'production',
    });
    if (problems.length > 0) {
      throw new InvalidConfigError(problems);
    }
    return config;
  },
});
