import { generateKeyPairSync } from 'node:crypto';
import { FakeGitHubApi, startFakeGitHubApi } from '../testing/fakeGitHubApi';
import { GitHubAppTokenProvider } from './tokenProviders';

const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const otherKey = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
}).privateKey;

const repo = { host: 'github.com', owner: 'portico-org', repo: 'payments' };

describe('GitHubAppTokenProvider', () => {
  let github: FakeGitHubApi;
  beforeEach(async () => {
    github = await startFakeGitHubApi({
      appId: '123',
      publicKey,
      org: 'portico-org',
    });
  });
  afterEach(() => github.stop());

  const provider = (key = privateKey) =>
    new GitHubAppTokenProvider({
      apiBaseUrl: github.url,
      appId: '123',
      installationId: '987',
      privateKey: key,
    });

  it('asks for an installation token limited to the one repository and contents permission, signed by the app key', async () => {
    const minted = await provider().mint(repo, {
      permission: 'write',
      ttlSeconds: 600,
      create: false,
    });
    expect(minted.token).toMatch(/^ghs_/);
    expect(minted.username).toBe('x-access-token');
    const ttl = minted.expiresAt.getTime() - Date.now();
    expect(ttl).toBeGreaterThan(590_000);
    expect(ttl).toBeLessThanOrEqual(600_000);
    expect(github.tokenRequests).toEqual([
      {
        installationId: '987',
        body: {
          repositories: ['payments'],
          permissions: { contents: 'write', metadata: 'read' },
        },
        jwtPayload: expect.objectContaining({ iss: '123' }),
      },
    ]);
    expect(await provider().revoke(minted.token)).toBe(true);
    expect(github.liveTokens.size).toBe(0);
    expect(await provider().revoke(minted.token)).toBe(false);
  });

  it('refuses (and revokes) a token GitHub did not limit to the repository', async () => {
    github.overrideRepositories = ['payments', 'everything-else'];
    await expect(
      provider().mint(repo, {
        permission: 'read',
        ttlSeconds: 600,
        create: false,
      }),
    ).rejects.toThrow(
      'GitHub returned a token not limited to portico-org/payments; it was revoked',
    );
    expect(github.liveTokens.size).toBe(0);
  });

  it('reports GitHub errors by status and message, for a wrong key and a missing repository', async () => {
    await expect(
      provider(otherKey).mint(repo, {
        permission: 'read',
        ttlSeconds: 600,
        create: false,
      }),
    ).rejects.toThrow(
      'GitHub installation token request for portico-org/payments failed with HTTP 401: A JSON web token could not be decoded',
    );
    await expect(
      provider().mint(
        { ...repo, repo: 'missing' },
        { permission: 'read', ttlSeconds: 600, create: false },
      ),
    ).rejects.toThrow(
      /HTTP 422: There is at least one repository that does not exist/,
    );
  });
});
