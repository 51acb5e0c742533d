import { ConfigReader } from '@backstage/config';
import { readArgoConfig } from './readArgoConfig';

describe('readArgoConfig', () => {
  it('is empty without argocd config', () => {
    expect(readArgoConfig(new ConfigReader({})).instances).toEqual([]);
  });

  it('reads instances, defaults the UI URL and durations', () => {
    const c = readArgoConfig(
      new ConfigReader({
        argocd: {
          instances: [
            {
              name: 'prod',
              url: 'https://argocd.internal/',
              uiUrl: 'https://argocd.example.com/',
              token: 's3cret',
            },
            {
              name: 'dev',
              url: 'http://argocd-dev',
              username: 'portico',
              password: 'pw',
            },
          ],
          refresh: { frequency: { seconds: 45 } },
        },
      }),
    );
    expect(c.instances).toEqual([
      {
        name: 'prod',
        url: 'https://argocd.internal',
        uiUrl: 'https://argocd.example.com',
        auth: { kind: 'token', token: 's3cret' },
      },
      {
        name: 'dev',
        url: 'http://argocd-dev',
        uiUrl: 'http://argocd-dev',
        auth: { kind: 'password', username: 'portico', password: 'pw' },
      },
    ]);
    expect(c.refreshFrequencyMs).toBe(45_000);
    expect(c.requestTimeoutMs).toBe(10_000);
  });

  it.each([
    [{ name: 'a/b', url: 'https://x', token: 't' }, /name 'a\/b'/],
    [{ name: 'a', url: 'ftp://x', token: 't' }, /url must be http/],
    [
      { name: 'a', url: 'https://x' },
      /needs a token, or a username and a password/,
    ],
  ])('refuses %j, naming the key but not the secret', (instance, message) => {
    expect(() =>
      readArgoConfig(new ConfigReader({ argocd: { instances: [instance] } })),
    ).toThrow(message);
  });

  it('refuses duplicate names', () => {
    const i = { name: 'a', url: 'https://x', token: 't' };
    expect(() =>
      readArgoConfig(new ConfigReader({ argocd: { instances: [i, i] } })),
    ).toThrow(/duplicate/);
  });
});
