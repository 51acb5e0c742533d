import {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isResourcePermission,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import type { Request } from 'express';

/**
 * For a router placed in front of a plugin's own routes (a gate): the caller's credentials when
 * they are a signed-in user's; undefined for any other caller (a service principal, no token or
 * a bad one), whom the plugin's route behind answers.
 */
export async function signedInUser(
  httpAuth: HttpAuthService,
  req: Request,
): Promise<BackstageCredentials<BackstageUserPrincipal> | undefined> {
  try {
    return await httpAuth.credentials(req, { allow: ['user'] });
  } catch {
    return undefined;
  }
}

/**
 * For a gate: the signed-in user whom the policy does not grant `permission` outright, with the
 * policy's decision (DENY, or CONDITIONAL for a resource permission: asked with
 * `authorizeConditional`, a basic one with `authorize`). Undefined when the plugin's route behind
 * answers: the user is granted it, or the caller is not a signed-in user.
 */
export async function userNotGranted(
  deps: { httpAuth: HttpAuthService; permissions: PermissionsService },
  req: Request,
  permission: Permission,
): Promise<
  | {
      credentials: BackstageCredentials<BackstageUserPrincipal>;
      decision: PolicyDecision;
    }
  | undefined
> {
  const credentials = await signedInUser(deps.httpAuth, req);
  if (!credentials) {
    return undefined;
  }
  const [decision] = isResourcePermission(permission)
    ? await deps.permissions.authorizeConditional([{ permission }], {
        credentials,
      })
    : await deps.permissions.authorize([{ permission }], { credentials });
  return decision.result === AuthorizeResult.ALLOW
    ? undefined
    : { credentials, decision };
}
