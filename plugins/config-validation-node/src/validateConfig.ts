import { ConfigSchema } from '@backstage/config-loader';
import { JsonObject } from '@backstage/types';

/** What is wrong with a configuration, each line naming the key or variable. */
export class InvalidConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Portico cannot start, the configuration is invalid:\n${problems
        .map(p => `  - ${p}`)
        .join('\n')}`,
    );
    this.name = 'InvalidConfigError';
  }
}

/**
 * Checks merged configuration data against the schema of every installed package, refusing keys
 * no package declares, and lists environment variables the config refers to that are not set.
 */
export function findConfigProblems(options: {
  data: JsonObject;
  schema: ConfigSchema;
  missingEnv: string[];
  requireEnv: boolean;
}): string[] {
  const problems: string[] = [];
  if (options.requireEnv && options.missingEnv.length > 0) {
    // Unset variables leave holes that the schema would report again, less clearly.
    return [...new Set(options.missingEnv)]
      .sort()
      .map(name => `environment variable ${name} is not set`);
  }
  try {
    options.schema.process([{ data: options.data, context: 'portico' }]);
  } catch (error) {
    for (const line of String((error as Error).message).split('\n')) {
      const m = line.match(/Config (must .*?) \{.*\} at (\S*)/);
      if (!m) continue;
      const key = m[2].replace(/^\//, '').replace(/\//g, '.');
      const unknown = line.match(/additionalProperty=(\S+)/);
      problems.push(
        unknown
          ? `unknown key '${key ? `${key}.` : ''}${unknown[1]}' (no installed plugin declares it)`
          : `'${key}': ${m[1]}`,
      );
    }
    if (problems.length === 0) problems.push(String((error as Error).message));
  }
  return [...new Set(problems)];
}
