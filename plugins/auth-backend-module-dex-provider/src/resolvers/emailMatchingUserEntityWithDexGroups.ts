import { AuthService } from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  createSignInResolverFactory,
  OAuthAuthenticatorResult,
  SignInInfo,
} from '@backstage/plugin-auth-node';
import { OidcAuthResult } from '@backstage/plugin-auth-backend-module-oidc-provider';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod/v3';
import { dexGroupRefs } from './dexGroupRefs';

type DexSignInInfo = SignInInfo<OAuthAuthenticatorResult<OidcAuthResult>>;

/** The groups claim: Dex sends it in the ID token and in the userinfo response. */
function groupsClaim(info: DexSignInInfo): unknown {
  const { userinfo, tokenset } = info.result.fullProfile;
  if (userinfo.groups !== undefined) {
    return userinfo.groups;
  }
  return tokenset.claims().groups;
}

/**
 * Sign-in resolver for Dex: finds the User entity whose `spec.profile.email` is the verified
 * email Dex returned, and issues a token whose ownership references are the user's own catalog
 * ownership plus every Dex group that exists in the catalog as a Group entity.
 */
export function createEmailMatchingUserEntityWithDexGroups(deps: {
  catalog: CatalogService;
  auth: AuthService;
}) {
  return createSignInResolverFactory({
    optionsSchema: z
      .object({
        groupNamespace: z.string().default('default'),
        stripGroupPrefix: z.string().optional(),
      })
      .optional(),
    create(options) {
      const namespace = options?.groupNamespace ?? 'default';
      return async (info: DexSignInInfo, ctx) => {
        const email = info.profile.email;
        if (!email) {
          throw new NotAllowedError(
            'Sign-in refused: Dex did not return a verified email address for this account',
          );
        }
        let entity;
        try {
          ({ entity } = await ctx.findCatalogUser({
            filter: { 'spec.profile.email': email },
          }));
        } catch (error) {
          if ((error as Error).name === NotFoundError.name) {
            throw new NotAllowedError(
              `Sign-in refused: ${email} is not in the catalog. Ask your platform team to add a User entity with this email.`,
            );
          }
          throw error;
        }

        const userRef = stringifyEntityRef(entity);
        const { ownershipEntityRefs } = await ctx.resolveOwnershipEntityRefs(
          entity,
        );
        const candidates = dexGroupRefs(groupsClaim(info), {
          namespace,
          stripPrefix: options?.stripGroupPrefix,
        });
        const existing = await existingGroups(candidates, deps);
        return ctx.issueToken({
          claims: {
            sub: userRef,
            ent: [...new Set([...ownershipEntityRefs, ...existing])],
          },
        });
      };
    },
  });
}

async function existingGroups(
  refs: string[],
  { catalog, auth }: { catalog: CatalogService; auth: AuthService },
): Promise<string[]> {
  if (refs.length === 0) {
    return [];
  }
  const { items } = await catalog.getEntitiesByRefs(
    { entityRefs: refs, fields: ['kind', 'metadata.namespace', 'metadata.name'] },
    { credentials: await auth.getOwnServiceCredentials() },
  );
  return items.flatMap(item => (item ? [stringifyEntityRef(item)] : []));
}
