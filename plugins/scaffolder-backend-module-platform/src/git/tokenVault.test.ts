import { GitTokenProvider } from './tokenProviders';
import { TokenVault } from './tokenVault';

function fakeProvider() {
  const revoked: string[] = [];
  const provider: GitTokenProvider = {
    kind: 'loopback',
    mint: async () => {
      throw new Error('not used');
    },
    revoke: async token => {
      revoked.push(token);
      return true;
    },
  };
  return { provider, revoked };
}

const minted = (ms: number) => ({
  token: `lgt_secret_${ms}`,
  expiresAt: new Date(Date.now() + ms),
  username: 'x-access-token',
});

describe('TokenVault', () => {
  afterEach(() => jest.useRealTimers());

  it('hands a token only to its task and repository, and never puts it in an error', () => {
    const vault = new TokenVault();
    const { provider } = fakeProvider();
    const ref = vault.register({
      taskId: 't1',
      repository: 'a/b',
      minted: minted(60_000),
      provider,
    });
    expect(ref).toMatch(/^gt_[A-Za-z0-9_-]{20,}$/);
    expect(vault.resolve(ref, 't1', 'a/b').token).toBe('lgt_secret_60000');
    const messageOf = (call: () => unknown) => {
      try {
        call();
        return 'no error';
      } catch (e) {
        return (e as Error).message;
      }
    };
    const wrongTask = messageOf(() => vault.resolve(ref, 't2', 'a/b'));
    const wrongRepo = messageOf(() => vault.resolve(ref, 't1', 'a/c'));
    expect(wrongTask).toMatch(/unknown, expired or revoked/);
    expect(wrongRepo).toMatch(/limited to a\/b, not a\/c/);
    expect(`${wrongTask} ${wrongRepo}`).not.toContain('lgt_secret');
  });

  it('revokes at expiry, on abort, and explicitly (only for the owning task)', async () => {
    jest.useFakeTimers();
    const vault = new TokenVault();
    const { provider, revoked } = fakeProvider();
    vault.register({
      taskId: 't1',
      repository: 'a/b',
      minted: minted(1_000),
      provider,
    });
    const aborter = new AbortController();
    vault.register({
      taskId: 't2',
      repository: 'a/b',
      minted: minted(60_000),
      provider,
      signal: aborter.signal,
    });
    const explicit = vault.register({
      taskId: 't3',
      repository: 'a/b',
      minted: minted(60_000),
      provider,
    });
    expect(vault.size()).toBe(3);

    aborter.abort();
    await Promise.resolve();
    expect(revoked).toEqual(['lgt_secret_60000']);

    expect(await vault.revoke(explicit, 'other-task')).toBe(false);
    expect(await vault.revoke(explicit, 't3')).toBe(true);
    expect(revoked).toHaveLength(2);

    jest.advanceTimersByTime(1_001);
    await Promise.resolve();
    // Expired: forgotten without calling the provider (the token is already dead).
    expect(vault.size()).toBe(0);
    expect(revoked).toHaveLength(2);
  });
});
