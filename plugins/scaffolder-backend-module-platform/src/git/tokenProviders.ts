/*
 * Minting and revoking short-lived Git tokens limited to one repository.
 *  - loopback: the Portico loopback Git server's issuer (tests, local);
 *  - github: a GitHub App installation token limited by `repositories` and `permissions`.
 */
import { createSign } from 'node:crypto';
import { GitSettings } from '../settings';
import { RepoCoordinates } from '../validation/fields';

interface MintOptions {
  permission: 'read' | 'write';
  ttlSeconds: number;
  /** May create the repository (loopback only: GitHub repositories are created by publish:github). */
  create: boolean;
}

export interface MintedToken {
  token: string;
  expiresAt: Date;
  /** HTTP basic user name to use with the token. */
  username: string;
}

export interface GitTokenProvider {
  readonly kind: 'loopback' | 'github';
  mint(repo: RepoCoordinates, options: MintOptions): Promise<MintedToken>;
  /** true when revoked, false when it was already gone. */
  revoke(token: string): Promise<boolean>;
}

async function failure(res: Response, what: string): Promise<Error> {
  let detail = '';
  try {
    const body = (await res.json()) as { message?: string };
    detail = body?.message ? `: ${String(body.message).slice(0, 200)}` : '';
  } catch {
    // no JSON body
  }
  return new Error(`${what} failed with HTTP ${res.status}${detail}`);
}

class LoopbackTokenProvider implements GitTokenProvider {
  readonly kind = 'loopback';

  constructor(
    private readonly baseUrl: string,
    private readonly adminToken: string,
  ) {}

  async mint(
    repo: RepoCoordinates,
    options: MintOptions,
  ): Promise<MintedToken> {
    const res = await fetch(`${this.baseUrl}/api/tokens`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${this.adminToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        repositories: [`${repo.owner}/${repo.repo}`],
        permission: options.permission,
        create: options.create,
        ttlSeconds: options.ttlSeconds,
      }),
    });
    if (res.status !== 201) {
      throw await failure(
        res,
        `Token request to the Git server ${this.baseUrl}`,
      );
    }
    const body = (await res.json()) as { token: string; expires_at: string };
    return {
      token: body.token,
      expiresAt: new Date(body.expires_at),
      username: 'x-access-token',
    };
  }

  async revoke(token: string): Promise<boolean> {
    const res = await fetch(`${this.baseUrl}/api/tokens/current`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.status === 204) return true;
    if (res.status === 401 || res.status === 404) return false;
    throw await failure(res, 'Token revocation');
  }
}

/** RS256 JWT for the GitHub App (iat 60 s in the past for clock drift, exp 9 min ahead). */
function githubAppJwt(
  appId: string,
  privateKey: string,
  now = Date.now(),
): string {
  const encode = (value: object) =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  const iat = Math.floor(now / 1000) - 60;
  const unsigned = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode({
    iat,
    exp: iat + 600,
    iss: appId,
  })}`;
  const signature = createSign('RSA-SHA256')
    .update(unsigned)
    .sign(privateKey)
    .toString('base64url');
  return `${unsigned}.${signature}`;
}

export class GitHubAppTokenProvider implements GitTokenProvider {
  readonly kind = 'github';

  constructor(
    private readonly options: {
      apiBaseUrl: string;
      appId: string;
      installationId: string;
      privateKey: string;
    },
  ) {}

  async mint(
    repo: RepoCoordinates,
    options: MintOptions,
  ): Promise<MintedToken> {
    const { apiBaseUrl, appId, installationId, privateKey } = this.options;
    const res = await fetch(
      `${apiBaseUrl}/app/installations/${encodeURIComponent(
        installationId,
      )}/access_tokens`,
      {
        method: 'POST',
        headers: {
          accept: 'application/vnd.github+json',
          authorization: `Bearer ${githubAppJwt(appId, privateKey)}`,
          'x-github-api-version': '2022-11-28',
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          repositories: [repo.repo],
          permissions: { contents: options.permission, metadata: 'read' },
        }),
      },
    );
    if (res.status !== 201) {
      throw await failure(
        res,
        `GitHub installation token request for ${repo.owner}/${repo.repo}`,
      );
    }
    const body = (await res.json()) as {
      token: string;
      expires_at: string;
      repositories?: Array<{ full_name: string }>;
    };
    const scoped = body.repositories?.map(r =>
      r.full_name.toLocaleLowerCase('en-US'),
    );
    if (
      !scoped ||
      scoped.length !== 1 ||
      scoped[0] !== `${repo.owner}/${repo.repo}`.toLocaleLowerCase('en-US')
    ) {
      await this.revoke(body.token).catch(() => false);
      throw new Error(
        `GitHub returned a token not limited to ${repo.owner}/${repo.repo}; it was revoked`,
      );
    }
    // GitHub tokens live one hour; Portico revokes earlier (ttl) itself.
    const githubExpiry = new Date(body.expires_at);
    const wanted = new Date(Date.now() + options.ttlSeconds * 1000);
    return {
      token: body.token,
      expiresAt: wanted < githubExpiry ? wanted : githubExpiry,
      username: 'x-access-token',
    };
  }

  async revoke(token: string): Promise<boolean> {
    const res = await fetch(`${this.options.apiBaseUrl}/installation/token`, {
      method: 'DELETE',
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${token}`,
        'x-github-api-version': '2022-11-28',
      },
    });
    if (res.status === 204) return true;
    if (res.status === 401) return false;
    throw await failure(res, 'GitHub token revocation');
  }
}

export function createTokenProvider(
  git: GitSettings | undefined,
): GitTokenProvider | undefined {
  if (!git) return undefined;
  if (git.provider === 'loopback') {
    return new LoopbackTokenProvider(git.baseUrl, git.adminToken);
  }
  return new GitHubAppTokenProvider(git);
}
