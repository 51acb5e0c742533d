import { randomBytes, timingSafeEqual } from 'node:crypto';

/** What a loopback Git server token may do. */
export interface LoopbackTokenGrant {
  /** `owner/repo` entries the token is limited to. */
  repositories: string[];
  permission: 'read' | 'write';
  /** May create the repositories (on first push) when they do not exist. */
  create: boolean;
  expiresAt: Date;
}

/**
 * The loopback server's token issuer: random opaque tokens with an expiry and a per-repository
 * scope, kept in memory (the server is for tests and local use only).
 */
export class LoopbackTokenIssuer {
  private readonly grants = new Map<string, LoopbackTokenGrant>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  issue(grant: Omit<LoopbackTokenGrant, 'expiresAt'> & { ttlSeconds: number }) {
    const token = `lgt_${randomBytes(24).toString('base64url')}`;
    const expiresAt = new Date(this.now().getTime() + grant.ttlSeconds * 1000);
    this.grants.set(token, {
      repositories: [...grant.repositories],
      permission: grant.permission,
      create: grant.create,
      expiresAt,
    });
    return { token, expiresAt };
  }

  /** The grant of a live token, undefined when unknown, expired or revoked. */
  lookup(token: string): LoopbackTokenGrant | undefined {
    const grant = this.grants.get(token);
    if (!grant) {
      return undefined;
    }
    if (grant.expiresAt.getTime() <= this.now().getTime()) {
      this.grants.delete(token);
      return undefined;
    }
    return grant;
  }

  revoke(token: string): boolean {
    return this.grants.delete(token);
  }

  /** Number of live tokens (tests check revocation). */
  liveCount(): number {
    const now = this.now().getTime();
    return [...this.grants.values()].filter(g => g.expiresAt.getTime() > now)
      .length;
  }
}

/** Constant-time comparison of two secrets. */
export function secretEquals(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
