import {
  bearerToken,
  callbackTokenMatches,
  hashCallbackToken,
  mintCallbackToken,
} from './callbackToken';

describe('callback tokens', () => {
  it('mints distinct 32-byte tokens and matches only their own hash', () => {
    const a = mintCallbackToken();
    const b = mintCallbackToken();
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(hashCallbackToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashCallbackToken(a)).not.toContain(a);
    expect(
      callbackTokenMatches(a, [hashCallbackToken(b), hashCallbackToken(a)]),
    ).toBe(true);
    expect(callbackTokenMatches(a, [hashCallbackToken(b)])).toBe(false);
    expect(callbackTokenMatches(a, [])).toBe(false);
    expect(callbackTokenMatches(a, ['abc'])).toBe(false);
  });

  it('reads bearer tokens and nothing else', () => {
    const t = mintCallbackToken();
    expect(bearerToken(`Bearer ${t}`)).toBe(t);
    expect(bearerToken(`Basic ${t}`)).toBeUndefined();
    expect(bearerToken('Bearer short')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
