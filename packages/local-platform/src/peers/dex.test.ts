import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { authModuleDexProvider } from '@internal/plugin-auth-backend-module-dex-provider';
import {
  signInAndRefresh,
  signInRoundTrip,
  startDexLikeServer,
  tokenClaims,
} from '@internal/plugin-auth-backend-module-dex-provider/testUtils';
import { freePort, waitFor } from '@internal/plugin-portico-node/testUtils';
import net from 'node:net';
import path from 'node:path';
import { mergeConfig } from '../mergeConfig';
import type { StartedPeer } from '../types';
import { LOCAL_GROUP_PREFIX, LOCAL_USERS } from '../users';
import { startDexPeer } from './dex';

jest.setTimeout(120_000);

type ConfigData = NonNullable<
  Parameters<typeof mockServices.rootConfig.factory>[0]
>['data'];

const STATIC_TOKEN = 'dex-peer-test-static-token-0123456789';
const ORG_YAML = path.resolve(__dirname, '../../../../catalog/org.yaml');

type DexDescription = {
  issuer: string;
  clientId: string;
  clientSecret: string;
};

/**
 * The Dex peer against a real backend (auth + catalog + Portico's dex module) configured with
 * the peer's config fragment and the example catalog (catalog/org.yaml), signing in as the
 * example users through the browser-less authorization code round trip.
 */
describe('startDexPeer', () => {
  let peer: StartedPeer<DexDescription>;
  let backend: ReturnType<typeof createBackend>;
  let backendUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    backendUrl = `http://127.0.0.1:${port}`;
    peer = await startDexPeer({
      ports: 'free',
      backendUrl,
      appUrl: backendUrl,
      liveChanges: false,
      log: () => {},
      options: {},
    });
    backend = createBackend();
    backend.add(
      mockServices.rootConfig.factory({
        data: mergeConfig(
          {
            app: { baseUrl: backendUrl },
            backend: {
              baseUrl: backendUrl,
              listen: { port, host: '127.0.0.1' },
              database: { client: 'better-sqlite3', connection: ':memory:' },
              auth: {
                externalAccess: [
                  {
                    type: 'static',
                    options: { token: STATIC_TOKEN, subject: 'test' },
                  },
                ],
              },
            },
            auth: {
              environment: 'development',
              session: { secret: 'dex-peer-test-session-secret' },
            },
            catalog: {
              rules: [{ allow: ['User', 'Group'] }],
              locations: [{ type: 'file', target: ORG_YAML }],
            },
          },
          peer.config,
        ) as ConfigData,
      }),
    );
    backend.add(authPlugin);
    backend.add(catalogPlugin);
    backend.add(authModuleDexProvider);
    await backend.start();
    await waitFor(
      'the example catalog',
      async () =>
        (
          await fetch(
            `${backendUrl}/api/catalog/entities/by-name/user/default/erin`,
            {
              headers: { authorization: `Bearer ${STATIC_TOKEN}` },
            },
          )
        ).ok,
      { timeoutMs: 60_000, intervalMs: 200 },
    );
  });

  afterAll(async () => {
    await backend?.stop();
    await peer?.stop();
  });

  const signIn = (login: string, password?: string) =>
    signInRoundTrip({
      backendBaseUrl: backendUrl,
      provider: 'dex',
      env: 'development',
      login,
      password: password ?? LOCAL_USERS.find(u => u.login === login)!.password,
    });

  it('describes the provider, the users and the portal config pointing at it', () => {
    const { issuer, clientId, clientSecret } = peer.description;
    expect(issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/dex$/);
    expect(clientSecret.length).toBeGreaterThanOrEqual(32);
    expect(peer.users?.map(u => u.login)).toEqual([
      'bob',
      'carol',
      'dan',
      'alice',
      'erin',
    ]);
    expect(peer.users?.find(u => u.login === 'bob')).toEqual({
      login: 'bob',
      password: 'bob-portico',
      email: 'bob@portico.example',
      entityRef: 'user:default/bob',
      role: expect.stringContaining('owner'),
    });
    expect(peer.config).toEqual({
      auth: {
        session: { secret: expect.stringMatching(/^[\w-]{32}$/) },
        providers: {
          dex: {
            development: {
              metadataUrl: `${issuer}/.well-known/openid-configuration`,
              clientId,
              clientSecret,
              prompt: 'auto',
              additionalScopes: ['groups', 'offline_access'],
              signIn: {
                resolvers: [
                  {
                    resolver: 'emailMatchingUserEntityWithDexGroups',
                    stripGroupPrefix: LOCAL_GROUP_PREFIX,
                  },
                ],
              },
            },
          },
        },
      },
      portico: { signIn: { providers: ['dex', 'guest'] } },
    });
  });

  it.each([
    ['bob', ['group:default/payments-team', 'user:default/bob']],
    ['carol', ['group:default/storefront-team', 'user:default/carol']],
    ['dan', ['group:default/payments-team', 'user:default/dan']],
    [
      'alice',
      [
        'group:default/platform-team',
        'group:default/portico-admins',
        'user:default/alice',
      ],
    ],
    ['erin', ['group:default/auditors', 'user:default/erin']],
  ])(
    'signs %s in with the password, as the catalog user with its teams',
    async (login, refs) => {
      const frame = await signIn(login);
      if (!('response' in frame)) throw new Error(JSON.stringify(frame.error));
      const { identity, token } = frame.response.backstageIdentity;
      const user = LOCAL_USERS.find(u => u.login === login)!;
      expect(identity.userEntityRef).toBe(user.entityRef);
      expect([...identity.ownershipEntityRefs].sort()).toEqual(refs);
      expect(tokenClaims(token).sub).toBe(user.entityRef);
    },
  );

  it('keeps the session over a reload: refresh answers with the same user', async () => {
    const { frame, refresh } = await signInAndRefresh({
      backendBaseUrl: backendUrl,
      provider: 'dex',
      env: 'development',
      login: 'bob',
      password: 'bob-portico',
    });
    if (!('response' in frame)) throw new Error(JSON.stringify(frame.error));
    expect([refresh.status, refresh.body]).toEqual([200, expect.anything()]);
    expect(
      (
        refresh.body as {
          backstageIdentity: { identity: { userEntityRef: string } };
        }
      ).backstageIdentity.identity.userEntityRef,
    ).toBe('user:default/bob');
  });

  it('refuses a wrong password, and another user’s password', async () => {
    await expect(signIn('bob', 'wrong')).rejects.toThrow(
      /refused the login of bob: Invalid username or password/,
    );
    await expect(signIn('bob', 'carol-portico')).rejects.toThrow(
      /refused the login of bob/,
    );
  });

  it('gives every start its own client secret', async () => {
    const other = await startDexPeer({
      ports: 'free',
      backendUrl,
      appUrl: backendUrl,
      liveChanges: false,
      log: () => {},
      options: {},
    });
    try {
      expect(other.description.clientSecret).not.toBe(
        peer.description.clientSecret,
      );
      expect(other.description.issuer).not.toBe(peer.description.issuer);
    } finally {
      await other.stop();
    }
  });
});

describe('the Dex-like provider on a fixed port', () => {
  it('says which port is taken', async () => {
    const port = await freePort();
    const blocker = net.createServer();
    await new Promise<void>(r => blocker.listen(port, '127.0.0.1', r));
    try {
      await expect(
        startDexLikeServer({
          clientId: 'c',
          clientSecret: 's',
          redirectUri: 'http://127.0.0.1:1/cb',
          port,
          users: {},
        }),
      ).rejects.toThrow(
        new RegExp(`127\\.0\\.0\\.1:${port}: port ${port} is taken`),
      );
    } finally {
      blocker.close();
    }
  });

  it('listens on the port it is given', async () => {
    const port = await freePort();
    const server = await startDexLikeServer({
      clientId: 'c',
      clientSecret: 's',
      redirectUri: 'http://127.0.0.1:1/cb',
      port,
      users: {},
    });
    try {
      expect(server.issuer).toBe(`http://127.0.0.1:${port}/dex`);
      const res = await fetch(
        `${server.issuer}/.well-known/openid-configuration`,
      );
      expect((await res.json()).issuer).toBe(server.issuer);
    } finally {
      await server.stop();
    }
  });
});
