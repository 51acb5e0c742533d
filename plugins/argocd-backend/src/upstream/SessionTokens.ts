import type { ArgoAuth } from '../config/readArgoConfig';
import { ArgoCdError } from './ArgoCdError';

/** Seconds before `exp` at which a session token is no longer reused. */
const EXPIRY_MARGIN_S = 60;

function jwtExpiry(token: string): number | undefined {
  try {
    const payload = JSON.parse(
      Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
    );
    return typeof payload.exp === 'number' ? payload.exp : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The bearer token for one instance: the configured account token, or a session token from
 * POST /api/v1/session, reused until shortly before its `exp` and renewed after a 401.
 * Concurrent callers share one login.
 */
export class SessionTokens {
  private cached?: { token: string; expiresAt: number };
  private pending?: Promise<string>;

  constructor(
    private readonly instance: string,
    private readonly baseUrl: string,
    private readonly auth: ArgoAuth,
    private readonly timeoutMs: number,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  /** Whether a 401 can be cured by logging in again. */
  get renewable(): boolean {
    return this.auth.kind === 'password';
  }

  async token(): Promise<string> {
    if (this.auth.kind === 'token') return this.auth.token;
    const now = Date.now() / 1000;
    if (this.cached && this.cached.expiresAt - EXPIRY_MARGIN_S > now)
      return this.cached.token;
    if (!this.pending) {
      this.pending = this.login().finally(() => {
        this.pending = undefined;
      });
    }
    return this.pending;
  }

  /** Forgets a token the server refused (only if it is still the cached one). */
  invalidate(token: string) {
    if (this.cached?.token === token) this.cached = undefined;
  }

  private async login(): Promise<string> {
    if (this.auth.kind !== 'password')
      throw new Error('not a password account');
    let res: Response;
    try {
      res = await this.fetchFn(`${this.baseUrl}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          username: this.auth.username,
          password: this.auth.password,
        }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      throw new ArgoCdError(
        this.instance,
        0,
        `login failed: ${(e as Error).message}`,
      );
    }
    if (!res.ok) {
      throw new ArgoCdError(
        this.instance,
        res.status,
        `login failed with HTTP ${res.status}`,
      );
    }
    const body = (await res.json()) as { token?: string };
    if (!body.token)
      throw new ArgoCdError(
        this.instance,
        res.status,
        'login returned no token',
      );
    const exp = jwtExpiry(body.token) ?? Date.now() / 1000 + 3600;
    this.cached = { token: body.token, expiresAt: exp };
    return body.token;
  }
}
