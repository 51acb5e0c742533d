/*
 * The parts of the Compose specification the checks need: variable
 * interpolation, `.env` files and the `environment` of a service.
 */
import { isRecord } from './repo';

export type Env = Record<string, string | undefined>;

/** One `${...}` / `$NAME` found in a Compose value. */
export interface VariableReference {
  name: string;
  /** '' for plain `${NAME}`, else one of ':-', '-', ':?', '?', ':+', '+'. */
  operator: string;
  /** The default, alternative or error message after the operator. */
  argument: string;
}

export class MissingVariableError extends Error {
  constructor(readonly variable: string, message: string) {
    super(message);
    this.name = 'MissingVariableError';
  }
}

const referencePattern =
  /\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^{}]|\{[^{}]*\})*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/** Every variable reference in a Compose string (`$$` escapes are skipped). */
export function variableReferences(value: string): VariableReference[] {
  const refs: VariableReference[] = [];
  for (const m of value.matchAll(referencePattern)) {
    if (m[0] === '$$') {
      continue;
    }
    refs.push({
      name: m[1] ?? m[4],
      operator: m[2] ?? '',
      argument: m[3] ?? '',
    });
  }
  return refs;
}

/**
 * Interpolates a Compose string the way `docker compose config` does:
 * `${VAR}`, `$VAR`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`,
 * `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`; `$$` is a literal `$`.
 * A missing required variable throws a MissingVariableError.
 */
export function interpolate(value: string, env: Env): string {
  return value.replace(
    referencePattern,
    (whole, braced, operator, argument, bare) => {
      if (whole === '$$') {
        return '$';
      }
      const name: string = braced ?? bare;
      const current = env[name];
      const isSet = current !== undefined;
      const isSetAndNonEmpty = isSet && current !== '';
      const arg = argument === undefined ? '' : interpolate(argument, env);
      switch (operator) {
        case ':-':
          return isSetAndNonEmpty ? current! : arg;
        case '-':
          return isSet ? current! : arg;
        case ':?':
          if (!isSetAndNonEmpty) {
            throw new MissingVariableError(
              name,
              `required variable ${name} is missing a value: ${arg}`,
            );
          }
          return current!;
        case '?':
          if (!isSet) {
            throw new MissingVariableError(
              name,
              `required variable ${name} is missing a value: ${arg}`,
            );
          }
          return current!;
        case ':+':
          return isSetAndNonEmpty ? arg : '';
        case '+':
          return isSet ? arg : '';
        default:
          return current ?? '';
      }
    },
  );
}

/** Parses a `.env` file: `NAME=value` lines, `#` comments, optional quotes. */
export function parseDotEnv(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith('#')) {
      continue;
    }
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) {
      throw new Error(`Invalid .env line: ${rawLine}`);
    }
    let value = m[2];
    const quoted = /^(['"])(.*)\1$/.exec(value);
    if (quoted) {
      value = quoted[2];
    } else {
      value = value.replace(/\s+#.*$/, '');
    }
    env[m[1]] = value;
  }
  return env;
}

/**
 * The `environment` of a Compose service as a map of raw (not interpolated)
 * values. Accepts both the map and the `NAME=value` list syntax; a list entry
 * without `=` (value from the shell) becomes `${NAME}`.
 */
export function rawServiceEnvironment(
  service: unknown,
): Record<string, string> {
  if (!isRecord(service) || service.environment === undefined) {
    return {};
  }
  const environment = service.environment;
  const result: Record<string, string> = {};
  if (Array.isArray(environment)) {
    for (const entry of environment) {
      const text = String(entry);
      const eq = text.indexOf('=');
      if (eq === -1) {
        result[text] = `\${${text}}`;
      } else {
        result[text.slice(0, eq)] = text.slice(eq + 1);
      }
    }
  } else if (isRecord(environment)) {
    for (const [key, value] of Object.entries(environment)) {
      result[key] = value === null ? `\${${key}}` : String(value);
    }
  } else {
    throw new Error('service.environment must be a map or a list');
  }
  return result;
}

/** `rawServiceEnvironment`, interpolated with env. */
export function serviceEnvironment(
  service: unknown,
  env: Env,
): Record<string, string> {
  const raw = rawServiceEnvironment(service);
  return Object.fromEntries(
    Object.entries(raw).map(([key, value]) => [key, interpolate(value, env)]),
  );
}

/** Interpolates every string of a parsed Compose document. */
export function interpolateDeep<T>(value: T, env: Env): T {
  if (typeof value === 'string') {
    return interpolate(value, env) as unknown as T;
  }
  if (Array.isArray(value)) {
    return value.map(v => interpolateDeep(v, env)) as unknown as T;
  }
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, interpolateDeep(v, env)]),
    ) as T;
  }
  return value;
}
