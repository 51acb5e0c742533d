/*
 * Environment variable references in Backstage app-config files.
 */
import { ConfigSources } from '@backstage/config-loader';
import { isRecord } from './repo';

/**
 * Names of the environment variables a Backstage config value refers to with
 * `${NAME}`. `$${...}` is Backstage's escape for a literal `${...}` and is skipped.
 * Only values are scanned (comments are not part of the parsed document).
 */
export function envReferencesInString(value: string): string[] {
  const names: string[] = [];
  const pattern = /\$?\$\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/g;
  for (const match of value.matchAll(pattern)) {
    if (!match[0].startsWith('$$')) {
      names.push(match[1]);
    }
  }
  return names;
}

/** All `${NAME}` references in a parsed config document, sorted and unique. */
export function envReferences(config: unknown): string[] {
  const names = new Set<string>();
  const visit = (value: unknown) => {
    if (typeof value === 'string') {
      envReferencesInString(value).forEach(n => names.add(n));
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (isRecord(value)) {
      Object.values(value).forEach(visit);
    }
  };
  visit(config);
  return [...names].sort();
}

/** Reads a dotted path (`a.b.c`) from a parsed config document. */
export function getPath(config: unknown, dotted: string): unknown {
  let current: unknown = config;
  for (const key of dotted.split('.')) {
    if (!isRecord(current)) {
      return undefined;
    }
    current = current[key];
  }
  return current;
}

/**
 * Loads config files the way `node packages/backend --config a --config b`
 * does (later files win), substituting `${VAR}` from env only. Returns the
 * config and the variables that had no value.
 */
export async function loadMergedConfig(
  rootDir: string,
  files: string[],
  env: Record<string, string | undefined>,
) {
  const unresolved: string[] = [];
  const source = ConfigSources.default({
    rootDir,
    argv: files.flatMap(f => ['--config', f]),
    env: {},
    substitutionFunc: async name => {
      if (env[name] === undefined) {
        unresolved.push(name);
      }
      return env[name];
    },
  });
  const config = await ConfigSources.toConfig(source);
  return { config, unresolved };
}

/**
 * Whether the guest provider would sign people in outside development: it has
 * config and `dangerouslyAllowOutsideDevelopment: true` (the guest module refuses
 * otherwise when NODE_ENV is not development).
 */
export function guestAllowedOutsideDevelopment(config: {
  getOptional(key: string): unknown;
  getOptionalBoolean(key: string): boolean | undefined;
}): boolean {
  const guest = config.getOptional('auth.providers.guest');
  if (guest === undefined || guest === null) {
    return false;
  }
  return (
    config.getOptionalBoolean(
      'auth.providers.guest.dangerouslyAllowOutsideDevelopment',
    ) === true
  );
}
