import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new callback token: 32 random bytes, base64url. */
export function mintCallbackToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The sha256 (hex) of a token: the only form in which a token is stored. */
export function hashCallbackToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Whether `token` hashes to one of `hashes`. Every hash is compared in constant time, and all of
 * them are compared, so the time taken does not tell which one (or whether any) matched.
 */
export function callbackTokenMatches(token: string, hashes: string[]): boolean {
  const candidate = Buffer.from(hashCallbackToken(token), 'hex');
  let matched = false;
  for (const hash of hashes) {
    const stored = Buffer.from(hash, 'hex');
    if (
      stored.length === candidate.length &&
      timingSafeEqual(stored, candidate)
    ) {
      matched = true;
    }
  }
  return matched;
}

/** The bearer token of an `Authorization` header, if it has one. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer\s+([A-Za-z0-9._~+/=-]{16,512})\s*$/i.exec(header ?? '');
  return m?.[1];
}
