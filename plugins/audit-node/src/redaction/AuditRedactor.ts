import type { AuditJson } from '@internal/plugin-audit-common';
import { sanitizeText } from './sanitizeText';

/** Keys whose values are never stored, at any depth of the metadata. */
export const SECRET_KEY_PATTERN =
  /secret|token|password|passwd|authorization|cookie|api[-_]?key|credential|private[-_]?key/i;

/** What a redacted value is replaced with. */
export const REDACTED = '[REDACTED]';

/** Config secrets at least this long are also removed from inside longer text. */
const SUBSTRING_SECRET_MIN_LENGTH = 8;

/** Bounds of stored metadata, so one event cannot grow a row without limit. */
const META_LIMITS = {
  depth: 8,
  stringLength: 8192,
  arrayItems: 200,
  objectKeys: 200,
  keyLength: 256,
  /** Characters of the whole metadata as JSON. */
  totalLength: 65536,
};

type JsonObjectOut = { [key: string]: AuditJson };

/**
 * Removes secrets from what an audit event stores: every value under a key that looks like a
 * credential (`SECRET_KEY_PATTERN`), and every string equal to (or, for long ones, containing) a
 * secret of the backend's configuration. Also bounds sizes and makes every string storable.
 */
export class AuditRedactor {
  readonly #exact = new Set<string>();
  #substrings: string[] = [];

  constructor(secrets: Iterable<string> = []) {
    this.addSecrets(secrets);
  }

  /** Adds config secret values (blank ones are ignored). */
  addSecrets(secrets: Iterable<string>): void {
    let added = false;
    for (const secret of secrets) {
      if (typeof secret !== 'string' || secret.trim() === '') {
        continue;
      }
      if (!this.#exact.has(secret)) {
        this.#exact.add(secret);
        added = true;
      }
    }
    if (added) {
      this.#substrings = [...this.#exact]
        .filter(secret => secret.length >= SUBSTRING_SECRET_MIN_LENGTH)
        .sort((a, b) => b.length - a.length);
    }
  }

  /** `value` with config secrets replaced by `[REDACTED]`. */
  redactText(value: string): string {
    if (this.#exact.has(value)) {
      return REDACTED;
    }
    let text = value;
    for (const secret of this.#substrings) {
      if (text.includes(secret)) {
        text = text.split(secret).join(REDACTED);
      }
    }
    return text;
  }

  /** A request URL with the values of credential-like query parameters and config secrets redacted. */
  redactUrl(url: string): string {
    const queryStart = url.indexOf('?');
    if (queryStart < 0) {
      return this.redactText(url);
    }
    const path = url.slice(0, queryStart);
    const query = url
      .slice(queryStart + 1)
      .split('&')
      .map(pair => {
        const eq = pair.indexOf('=');
        const rawName = eq < 0 ? pair : pair.slice(0, eq);
        let name = rawName;
        try {
          name = decodeURIComponent(rawName.replace(/\+/g, ' '));
        } catch {
          // keep the raw name
        }
        return eq >= 0 && SECRET_KEY_PATTERN.test(name)
          ? `${rawName}=${encodeURIComponent(REDACTED)}`
          : pair;
      })
      .join('&');
    return this.redactText(`${path}?${query}`);
  }

  /**
   * Event metadata as stored: redacted, plain JSON (dates as ISO strings, errors as name and
   * message, no functions), bounded in depth and size. `undefined` when there is nothing left.
   */
  redactMeta(meta: unknown): JsonObjectOut | undefined {
    if (meta === undefined || meta === null) {
      return undefined;
    }
    const value = this.#walk(meta, 0, new WeakSet());
    if (value === undefined) {
      return undefined;
    }
    const object: JsonObjectOut =
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? value
        : { value };
    if (Object.keys(object).length === 0) {
      return undefined;
    }
    const size = JSON.stringify(object).length;
    if (size > META_LIMITS.totalLength) {
      return {
        truncated: true,
        size,
        keys: Object.keys(object).slice(0, 50),
      };
    }
    return object;
  }

  #walk(
    value: unknown,
    depth: number,
    seen: WeakSet<object>,
  ): AuditJson | undefined {
    switch (typeof value) {
      case 'string':
        return sanitizeText(this.redactText(value), META_LIMITS.stringLength);
      case 'number':
        return Number.isFinite(value) ? value : null;
      case 'boolean':
        return value;
      case 'bigint':
        return value.toString();
      case 'undefined':
      case 'function':
      case 'symbol':
        return undefined;
      default:
        break;
    }
    if (value === null) {
      return null;
    }
    const object = value as object;
    if (depth >= META_LIMITS.depth) {
      return '[TRUNCATED]';
    }
    if (seen.has(object)) {
      return '[CIRCULAR]';
    }
    seen.add(object);
    try {
      if (object instanceof Date) {
        return Number.isNaN(object.getTime()) ? null : object.toISOString();
      }
      if (object instanceof Error) {
        return {
          name: sanitizeText(object.name, META_LIMITS.keyLength),
          message: sanitizeText(
            this.redactText(object.message),
            META_LIMITS.stringLength,
          ),
        };
      }
      if (Array.isArray(object)) {
        const items = object
          .slice(0, META_LIMITS.arrayItems)
          .map(item => this.#walk(item, depth + 1, seen) ?? null);
        if (object.length > META_LIMITS.arrayItems) {
          items.push(`[${object.length - META_LIMITS.arrayItems} more]`);
        }
        return items;
      }
      const toJSON = (object as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') {
        return this.#walk(toJSON.call(object), depth + 1, seen);
      }
      const out: JsonObjectOut = {};
      const entries = Object.entries(object);
      for (const [key, item] of entries.slice(0, META_LIMITS.objectKeys)) {
        if (item === undefined || typeof item === 'function') {
          continue;
        }
        const safeKey = sanitizeText(key, META_LIMITS.keyLength);
        if (SECRET_KEY_PATTERN.test(key)) {
          out[safeKey] = REDACTED;
          continue;
        }
        const walked = this.#walk(item, depth + 1, seen);
        if (walked !== undefined) {
          out[safeKey] = walked;
        }
      }
      if (entries.length > META_LIMITS.objectKeys) {
        out['…'] = `${entries.length - META_LIMITS.objectKeys} more keys`;
      }
      return out;
    } finally {
      seen.delete(object);
    }
  }
}
