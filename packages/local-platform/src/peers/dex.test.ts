import {
  signInAndRefresh,
  signInRoundTrip,
  startDexLikeServer,
  tokenClaims,
} from '@internal/plugin-auth-backend-module-dex-provider/testUtils';
import { freePort } from '@internal/plugin-portico-node/testUtils';
import net from 'node:net';
import type { StartedPeer } from '../types';
import { LOCAL_GROUP_PREFIX, LOCAL_USERS } from '../users';
import { startDexPeer } from './dex';
import { peerContext } from './__testUtils__/context';
import {
  type DexDescription,
  startDexPeerWithBackend,
} from './__testUtils__/dexBackend';

jest.setTimeout(120_000);

/**
 * The Dex peer against a real backend configured with the peer's config fragment and the
 * example catalog, signing in as the example users through the browser-less authorization code
 * round trip.
 */
describe('startDexPeer', () => {
  let peer: StartedPeer<DexDescription>;
  let backend: { stop(): Promise<void> };
  let backendUrl: string;

  beforeAll(async () => {
    ({ peer, backend, backendUrl } = await startDexPeerWithBackend());
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
    const other = await startDexPeer(peerContext(backendUrl));
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

/**
 * DexPeerOptions: a harness's own users and group prefix. Robert signs in with bob's email (the
 * catalog's bob) and claims storefront-team under the caller's prefix, auditors under the local
 * one: the portal strips only the caller's prefix.
 */
describe('startDexPeer with the caller’s users', () => {
  const ROBERT = {
    login: 'robert',
    password: 'robert-test-password',
    email: 'bob@portico.example',
    name: 'Robert',
    groups: ['test-org:storefront-team', `${LOCAL_GROUP_PREFIX}auditors`],
    entityRef: 'user:default/bob',
    role: 'a test user',
  };
  let peer: StartedPeer<DexDescription>;
  let backend: { stop(): Promise<void> };
  let backendUrl: string;

  beforeAll(async () => {
    ({ peer, backend, backendUrl } = await startDexPeerWithBackend({
      dex: { users: [ROBERT], groupPrefix: 'test-org:' },
    }));
  });

  afterAll(async () => {
    await backend?.stop();
    await peer?.stop();
  });

  const signIn = (login: string, password: string) =>
    signInRoundTrip({
      backendBaseUrl: backendUrl,
      provider: 'dex',
      env: 'development',
      login,
      password,
    });

  it('describes only those users, and strips their prefix', () => {
    expect(peer.users).toEqual([
      {
        login: 'robert',
        password: ROBERT.password,
        email: ROBERT.email,
        entityRef: 'user:default/bob',
        role: 'a test user',
      },
    ]);
    expect(
      (peer.config as any).auth.providers.dex.development.signIn.resolvers,
    ).toEqual([
      {
        resolver: 'emailMatchingUserEntityWithDexGroups',
        stripGroupPrefix: 'test-org:',
      },
    ]);
  });

  it('signs the caller’s user in with its groups under the caller’s prefix only', async () => {
    const frame = await signIn('robert', ROBERT.password);
    if (!('response' in frame)) throw new Error(JSON.stringify(frame.error));
    const { identity } = frame.response.backstageIdentity;
    expect(identity.userEntityRef).toBe('user:default/bob');
    expect([...identity.ownershipEntityRefs].sort()).toEqual([
      'group:default/payments-team',
      'group:default/storefront-team',
      'user:default/bob',
    ]);
  });

  it('refuses the example users and a wrong password', async () => {
    await expect(signIn('bob', 'bob-portico')).rejects.toThrow(
      /refused the login of bob/,
    );
    await expect(signIn('robert', 'bob-portico')).rejects.toThrow(
      /refused the login of robert/,
    );
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
