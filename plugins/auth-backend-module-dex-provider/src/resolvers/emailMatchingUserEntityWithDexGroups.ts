import { AuthService } from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError, NotFoundError } from '@backstage/errors';
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

/** The resolver's options as written under `signIn.resolvers` in app-config. */
export interface DexResolverOptions {
  groupNamespace?: string;
  stripGroupPrefix?: string;
  ignoreGroupsClaim?: boolean;
}

/**
 * In production the resolver refuses to start unless the groups of the Dex token are tied to one
 * connector by a prefix (`stripGroupPrefix`, e.g. `my-org:` for Dex's GitHub connector), or the
 * claim is ignored altogether (`ignoreGroupsClaim: true`, e.g. for an LDAP connector whose
 * groups the catalog already holds as memberships). Without either, a group of any connector (or
 * of another GitHub organisation) that shares a catalog group's name would grant its ownership.
 */
export function assertProductionGroupMapping(
  options: DexResolverOptions | undefined,
  where = 'auth.providers.dex',
): void {
  if (options?.ignoreGroupsClaim === true) {
    return;
  }
  if (!options?.stripGroupPrefix || options.stripGroupPrefix.trim() === '') {
    throw new Error(
      `${where}: the resolver emailMatchingUserEntityWithDexGroups needs stripGroupPrefix in production (the connector's group prefix, e.g. "my-org:" for Dex's GitHub connector), or ignoreGroupsClaim: true; without it any Dex group that shares a catalog group's name would grant ownership`,
    );
  }
}

/** The claim from the userinfo response, else from the ID token (Dex puts it in both). */
function claim(info: DexSignInInfo, name: string): unknown {
  const { userinfo, tokenset } = info.result.fullProfile;
  const fromUserinfo = (userinfo as Record<string, unknown>)[name];
  if (fromUserinfo !== undefined) {
    return fromUserinfo;
  }
  return (tokenset.claims() as Record<string, unknown>)[name];
}

/**
 * `email_verified` must be `true` where Dex says anything about it (userinfo and ID token), and
 * must be said at least once. A connector that cannot vouch for the address (e.g. a GitHub
 * account whose primary email is unverified) is refused.
 */
function emailIsVerified(info: DexSignInInfo): boolean {
  const { userinfo, tokenset } = info.result.fullProfile;
  const values = [
    (userinfo as Record<string, unknown>).email_verified,
    (tokenset.claims() as Record<string, unknown>).email_verified,
  ].filter(v => v !== undefined);
  return values.length > 0 && values.every(v => v === true);
}

/**
 * Sign-in resolver for Dex: finds the one User entity whose `spec.profile.email` is the email Dex
 * returned and says is verified, and issues a token whose ownership references are the user's own
 * catalog ownership plus every Dex group (with the connector's prefix) that exists in the catalog
 * as a Group entity. Groups that decide platform roles (`excludedGroups`: the admin and auditor
 * groups) are never taken from the token: those rights come only from catalog membership.
 */
export function createEmailMatchingUserEntityWithDexGroups(deps: {
  catalog: CatalogService;
  auth: AuthService;
  /** Production: the group mapping must be tied to a connector (see {@link assertProductionGroupMapping}). */
  production?: boolean;
  /** Group refs a Dex token may never add (admin and auditor groups). */
  excludedGroups?: ReadonlySet<string>;
}) {
  return createSignInResolverFactory({
    optionsSchema: z
      .object({
        groupNamespace: z.string().default('default'),
        stripGroupPrefix: z.string().optional(),
        ignoreGroupsClaim: z.boolean().optional(),
      })
      .optional(),
    create(options) {
      if (deps.production) {
        assertProductionGroupMapping(options);
      }
      const namespace = options?.groupNamespace ?? 'default';
      return async (info: DexSignInInfo, ctx) => {
        // The address as Dex sent it (the upstream profile drops it when it is not verified;
        // the check below says why sign-in is refused instead).
        const sent = claim(info, 'email');
        const email = typeof sent === 'string' && sent ? sent : info.profile.email;
        if (!email) {
          throw new NotAllowedError(
            'Sign-in refused: Dex did not return an email address for this account',
          );
        }
        if (!emailIsVerified(info)) {
          throw new NotAllowedError(
            `Sign-in refused: Dex does not say that the email address ${email} is verified (email_verified is not true). Verify the address with your identity provider and sign in again.`,
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
          if ((error as Error).name === ConflictError.name) {
            throw new NotAllowedError(
              `Sign-in refused: more than one User entity in the catalog has the email ${email}. Ask your platform team to keep one.`,
            );
          }
          throw error;
        }

        const userRef = stringifyEntityRef(entity);
        const { ownershipEntityRefs } = await ctx.resolveOwnershipEntityRefs(
          entity,
        );
        const candidates = options?.ignoreGroupsClaim
          ? []
          : dexGroupRefs(claim(info, 'groups'), {
              namespace,
              stripPrefix: options?.stripGroupPrefix,
            }).filter(ref => !deps.excludedGroups?.has(ref));
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
