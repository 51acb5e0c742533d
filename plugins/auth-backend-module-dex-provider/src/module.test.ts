import { createBackend } from '@backstage/backend-defaults';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { authModuleDexProvider } from './module';
import authPlugin from '@backstage/plugin-auth-backend';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogOrgYaml,
  freePort,
} from '@internal/plugin-portico-node/testUtils';
import {
  DexLikeServer,
  signInRoundTrip,
  startDexLikeServer,
  tokenClaims,
} from './testing/oidcRoundTrip';

jest.setTimeout(120_000);

const CATALOG = catalogOrgYaml({
  users: {
    alice: { email: 'alice@portico.example', memberOf: ['platform-team'] },
    vic: { email: 'vic@portico.example', memberOf: ['payments-team'] },
    nora: { email: 'nora@portico.example', memberOf: ['payments-team'] },
    paula: { email: 'paula@portico.example', memberOf: ['storefront-team'] },
    'twin-one': { email: 'twin@portico.example', memberOf: [] },
    'twin-two': { email: 'twin@portico.example', memberOf: [] },
  },
  groups: [
    'platform-team',
    'payments-team',
    'storefront-team',
    'portico-admins',
  ],
});

/** Dex's GitHub connector sends org teams as `<org>:<team slug>` (teamNameField: slug). */
const PREFIX = 'portico-org:';

const USERS = {
  alice: {
    email: 'alice@portico.example',
    name: 'Alice',
    groups: [
      // a GitHub team of the platform's org that exists in the catalog
      'portico-org:payments-team',
      // a team called portico-admins: admin rights never come from Dex
      'portico-org:portico-admins',
      // another organisation's team with a catalog group's name
      'other-org:storefront-team',
      // a team the catalog does not know, and values that are not names
      'portico-org:ghost-team',
      'portico-org:../admin',
      'a b',
    ],
  },
  zed: { email: 'zed@portico.example', name: 'Zed', groups: [] },
  vic: {
    email: 'vic@portico.example',
    name: 'Vic',
    groups: [],
    emailVerified: false,
  },
  nora: {
    email: 'nora@portico.example',
    name: 'Nora',
    groups: [],
    emailVerified: null,
  },
  twin: { email: 'twin@portico.example', name: 'Twin', groups: [] },
  paula: {
    email: 'paula@portico.example',
    name: 'Paula',
    groups: [],
    password: 'paula-password',
  },
};

describe('Dex sign-in (real OIDC round trip)', () => {
  let dex: DexLikeServer;
  let backendUrl: string;
  let backend: ReturnType<typeof createBackend>;
  let tmp: string;

  beforeAll(async () => {
    const port = await freePort();
    backendUrl = `http://127.0.0.1:${port}`;
    dex = await startDexLikeServer({
      clientId: 'portico',
      clientSecret: 'dex-client-secret-for-tests',
      redirectUri: `${backendUrl}/api/auth/dex/handler/frame`,
      users: USERS,
    });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dex-test-'));
    fs.writeFileSync(path.join(tmp, 'org.yaml'), CATALOG);

    backend = createBackend();
    backend.add(
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: backendUrl },
          backend: {
            baseUrl: backendUrl,
            listen: { port, host: '127.0.0.1' },
            database: { client: 'better-sqlite3', connection: ':memory:' },
            auth: {
              externalAccess: [
                {
                  type: 'static',
                  options: {
                    token: 'test-static-token-0123456789',
                    subject: 'test',
                  },
                },
              ],
            },
          },
          auth: {
            environment: 'production',
            session: { secret: 'test-session-secret' },
            providers: {
              dex: {
                production: {
                  metadataUrl: `${dex.issuer}/.well-known/openid-configuration`,
                  clientId: 'portico',
                  clientSecret: 'dex-client-secret-for-tests',
                  additionalScopes: ['groups'],
                  prompt: 'auto',
                  signIn: {
                    resolvers: [
                      {
                        resolver: 'emailMatchingUserEntityWithDexGroups',
                        stripGroupPrefix: PREFIX,
                      },
                    ],
                  },
                },
              },
            },
          },
          catalog: {
            rules: [{ allow: ['User', 'Group'] }],
            locations: [{ type: 'file', target: path.join(tmp, 'org.yaml') }],
          },
        },
      }),
    );
    backend.add(authPlugin);
    backend.add(catalogPlugin);
    backend.add(authModuleDexProvider);
    await backend.start();

    // Wait until the catalog has ingested the test organisation.
    for (let i = 0; i < 100; i++) {
      const res = await fetch(
        `${backendUrl}/api/catalog/entities/by-name/user/default/twin-two`,
        { headers: { authorization: 'Bearer test-static-token-0123456789' } },
      );
      if (res.ok) break;
      await new Promise(r => setTimeout(r, 200));
    }
  });

  afterAll(async () => {
    await backend?.stop();
    dex?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  afterEach(() => dex.setTamper(null));

  const signIn = (login: string, rewriteCallback?: (u: URL) => URL) =>
    signInRoundTrip({
      backendBaseUrl: backendUrl,
      provider: 'dex',
      env: 'production',
      login,
      rewriteCallback,
    });

  it('issues a Backstage token whose ownership has catalog groups and the Dex groups (of the connector prefix) that exist', async () => {
    const frame = await signIn('alice');
    if (!('response' in frame)) throw new Error(JSON.stringify(frame.error));
    const { identity, token } = frame.response.backstageIdentity;
    expect(identity.userEntityRef).toBe('user:default/alice');
    // payments-team from the GitHub team; not portico-admins (admin comes only from the
    // catalog), not other-org's storefront-team, not ghost-team.
    expect([...identity.ownershipEntityRefs].sort()).toEqual([
      'group:default/payments-team',
      'group:default/platform-team',
      'user:default/alice',
    ]);
    expect(tokenClaims(token).sub).toBe('user:default/alice');

    // The auth backend serves the same ownership for the token to other plugins.
    const info = await fetch(`${backendUrl}/api/auth/v1/userinfo`, {
      headers: { authorization: `Bearer ${token}` },
    }).then(r => r.json());
    expect(info.claims.ent).toEqual(
      expect.arrayContaining(['group:default/payments-team']),
    );
    expect(info.claims.ent).not.toContain('group:default/portico-admins');
    expect(info.claims.ent).not.toContain('group:default/storefront-team');
    expect(info.claims.ent).not.toContain('group:default/ghost-team');

    // The token is a real Backstage user token: the catalog accepts it.
    const res = await fetch(`${backendUrl}/api/catalog/entities?limit=1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
  });

  it('signs in a user with a password only with that password', async () => {
    const frame = await signInRoundTrip({
      backendBaseUrl: backendUrl,
      provider: 'dex',
      env: 'production',
      login: 'paula',
      password: 'paula-password',
    });
    if (!('response' in frame)) throw new Error(JSON.stringify(frame.error));
    expect(frame.response.backstageIdentity.identity.userEntityRef).toBe(
      'user:default/paula',
    );

    for (const password of ['wrong', 'paula-password ', '']) {
      await expect(
        signInRoundTrip({
          backendBaseUrl: backendUrl,
          provider: 'dex',
          env: 'production',
          login: 'paula',
          password,
        }),
      ).rejects.toThrow(
        /refused the login of paula: Invalid username or password/,
      );
    }
  });

  it('refuses a login the provider does not know, on its login page', async () => {
    await expect(signIn('nobody')).rejects.toThrow(
      /refused the login of nobody: Invalid username or password/,
    );
  });

  it('refuses a user that is not in the catalog, saying so', async () => {
    const frame = await signIn('zed');
    expect('error' in frame && frame.error.message).toMatch(
      /zed@portico\.example is not in the catalog/,
    );
  });

  it('refuses an email Dex says is not verified (email_verified false)', async () => {
    const frame = await signIn('vic');
    expect('error' in frame && frame.error.message).toMatch(
      /vic@portico\.example is verified \(email_verified is not true\)/,
    );
  });

  it('refuses an email Dex says nothing about (no email_verified claim)', async () => {
    const frame = await signIn('nora');
    expect('error' in frame && frame.error.message).toMatch(
      /email_verified is not true/,
    );
  });

  it('refuses an email that more than one User entity has', async () => {
    const frame = await signIn('twin');
    expect('error' in frame && frame.error.message).toMatch(
      /more than one User entity in the catalog has the email twin@portico\.example/,
    );
  });

  it('refuses an ID token issued for another audience', async () => {
    await dex.setTamper({ aud: 'some-other-client' });
    const frame = await signIn('alice');
    expect('error' in frame && frame.error.message).toMatch(/aud mismatch/);
  });

  it('refuses an ID token from another issuer', async () => {
    await dex.setTamper({ iss: 'http://127.0.0.1:1/not-dex' });
    const frame = await signIn('alice');
    expect('error' in frame && frame.error.message).toMatch(
      /unexpected iss value/,
    );
  });

  it('refuses a callback whose state does not match the sign-in it started', async () => {
    const frame = await signIn('alice', url => {
      const forged = Buffer.from('nonce=forged-nonce&env=production').toString(
        'hex',
      );
      url.searchParams.set('state', forged);
      return url;
    });
    expect('error' in frame && frame.error.message).toMatch(/state|nonce/i);
  });

  describe('Dex resolver configuration in production', () => {
    const config = (resolver: object, environment = 'production') =>
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://127.0.0.1:7007' },
          backend: { baseUrl: 'http://127.0.0.1:7007' },
          auth: {
            environment,
            session: { secret: 'test-session-secret' },
            providers: {
              dex: {
                [environment]: {
                  metadataUrl: `${dex.issuer}/.well-known/openid-configuration`,
                  clientId: 'portico',
                  clientSecret: 'dex-client-secret-for-tests',
                  signIn: { resolvers: [resolver] },
                },
              },
            },
          },
        },
      });

    it('refuses to start without stripGroupPrefix, naming the key', async () => {
      await expect(
        startTestBackend({
          features: [
            config({ resolver: 'emailMatchingUserEntityWithDexGroups' }),
            authPlugin,
            authModuleDexProvider,
          ],
        }),
      ).rejects.toThrow(
        /auth\.providers\.dex\.production\.signIn\.resolvers\[0\]: the resolver emailMatchingUserEntityWithDexGroups needs stripGroupPrefix in production/,
      );
    });

    it('starts with a prefix, or when the groups claim is ignored, and in development without either', async () => {
      for (const features of [
        [
          config({
            resolver: 'emailMatchingUserEntityWithDexGroups',
            stripGroupPrefix: 'acme:',
          }),
        ],
        [
          config({
            resolver: 'emailMatchingUserEntityWithDexGroups',
            ignoreGroupsClaim: true,
          }),
        ],
        [
          config(
            { resolver: 'emailMatchingUserEntityWithDexGroups' },
            'development',
          ),
        ],
      ]) {
        const started = await startTestBackend({
          features: [...features, authPlugin, authModuleDexProvider],
        });
        const res = await fetch(
          `http://localhost:${started.server.port()}/api/auth/dex/start?env=production`,
          { redirect: 'manual' },
        );
        expect(res.status).toBeLessThan(500);
        await started.stop();
      }
    });
  });
});
