import { randomBytes } from 'node:crypto';
import { startDexLikeServer } from '@internal/plugin-auth-backend-module-dex-provider/testUtils';
import { LOCAL_PORTS } from '../ports';
import type { PeerStarter } from '../types';
import {
  describeUsers,
  dexLikeUsers,
  LOCAL_GROUP_PREFIX,
  LOCAL_USERS,
} from '../users';

/** The client the portal is registered as with the Dex-like provider. */
export const DEX_CLIENT_ID = 'portico-local';

/**
 * The Dex-like OIDC provider (a real `oidc-provider`, from the dex module's testUtils) with the
 * example users and their local-only passwords (src/users.ts), or the caller's
 * (DexPeerOptions.users, with their own group prefix). The portal gets
 * `auth.providers.dex.development` (as app-config.production.yaml's dex block, with the local
 * group prefix) and `portico.signIn.providers: [dex, guest]`, so the sign-in page offers both.
 */
export const startDexPeer: PeerStarter<{
  issuer: string;
  clientId: string;
  clientSecret: string;
}> = async context => {
  const users = context.options.dex?.users ?? LOCAL_USERS;
  const groupPrefix = context.options.dex?.groupPrefix ?? LOCAL_GROUP_PREFIX;
  const clientSecret = randomBytes(24).toString('base64url');
  const server = await startDexLikeServer({
    clientId: DEX_CLIENT_ID,
    clientSecret,
    redirectUri: `${context.backendUrl}/api/auth/dex/handler/frame`,
    port: context.ports === 'fixed' ? LOCAL_PORTS.dex : undefined,
    users: dexLikeUsers(users),
  });
  context.log(`Dex: OIDC provider on ${server.issuer}`);
  return {
    description: {
      issuer: server.issuer,
      clientId: DEX_CLIENT_ID,
      clientSecret,
    },
    users: describeUsers(users),
    config: {
      auth: {
        // the OIDC provider keeps its login state in a session (random per start)
        session: { secret: randomBytes(24).toString('base64url') },
        providers: {
          dex: {
            development: {
              metadataUrl: `${server.issuer}/.well-known/openid-configuration`,
              clientId: DEX_CLIENT_ID,
              clientSecret,
              prompt: 'auto',
              additionalScopes: ['groups', 'offline_access'],
              signIn: {
                resolvers: [
                  {
                    resolver: 'emailMatchingUserEntityWithDexGroups',
                    stripGroupPrefix: groupPrefix,
                  },
                ],
              },
            },
          },
        },
      },
      portico: { signIn: { providers: ['dex', 'guest'] } },
    },
    stop: () => server.stop(),
  };
};
