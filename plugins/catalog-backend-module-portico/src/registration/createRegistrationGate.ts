import {
  AuditorService,
  AuthService,
  HttpAuthService,
  LoggerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  isError,
  NotAllowedError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  type PlatformRolesService,
  signedInUser,
} from '@internal/plugin-portico-node';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { checkDeveloperRegistration } from './checkRegistration';

const locationInput = z
  .object({
    type: z.string(),
    target: z.string(),
    presence: z.enum(['required', 'optional']).optional(),
  })
  .strict();

function isTrue(value: unknown): boolean {
  return typeof value === 'string' && ['true', '1', 'yes', 'y'].includes(value.toLowerCase());
}

/** The catalog's answer (a ResponseError of the catalog client), as an error of the same status. */
function catalogError(target: string, error: unknown): Error {
  const status = (error as { response?: { status?: number } })?.response?.status;
  // A ResponseError carries the catalog's own message in its body.
  const detail = (error as { body?: { error?: { message?: unknown } } })?.body?.error
    ?.message;
  let message = isError(error) ? error.message : String(error);
  if (typeof detail === 'string') {
    message = detail;
  }
  if (status === 403) {
    return new NotAllowedError(`${target}: ${message}`);
  }
  if (status === 409) {
    return new ConflictError(`${target}: ${message}`);
  }
  return new InputError(message);
}

async function asCatalogError<T>(target: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw catalogError(target, error);
  }
}

/**
 * A router placed in front of the catalog's own (a module's `httpRouter.use` runs before the
 * plugin's routes): `POST /locations` by a signed-in user who is not a Portico admin.
 *
 * The policy keeps `catalog.location.create` for admins, so the catalog itself refuses a
 * developer's registration. Here a developer's registration (the Register page, the scaffolder's
 * `catalog:register`, which registers with the initiator's credentials, or the catalog's MCP
 * action) is decided from what the location holds: the catalog's dry run of it, made with the
 * catalog's own credentials, must contain only Components, APIs and Resources owned by one of the
 * developer's groups. Then the location is registered with the catalog's credentials and the
 * decision is audited with the developer as actor. Admins go to the catalog's route unchanged;
 * service principals other than the catalog's own token (and the subjects
 * `portico.access.serviceSubjects` lists) never get here: the user-only routes in front refuse
 * them; anonymous callers get the framework's 401.
 */
export function createRegistrationGate(deps: {
  httpAuth: HttpAuthService;
  auth: AuthService;
  userInfo: UserInfoService;
  catalog: Pick<CatalogService, 'addLocation'>;
  roles: PlatformRolesService;
  auditor: AuditorService;
  logger: LoggerService;
}): express.Router {
  const router = Router();
  router.post('/locations', express.json(), async (req, res, next) => {
    const credentials = await signedInUser(deps.httpAuth, req);
    if (!credentials || (await deps.roles.isAdmin(credentials))) {
      next();
      return;
    }
    const parsed = locationInput.safeParse(req.body);
    if (!parsed.success || parsed.data.type !== 'url') {
      // Malformed, or a type developers cannot register: the catalog's own answer.
      next();
      return;
    }
    const { type, target } = parsed.data;
    const dryRun = isTrue(req.query.dryRun);
    const event = await deps.auditor.createEvent({
      eventId: 'location-register',
      severityLevel: dryRun ? 'low' : 'medium',
      request: req,
      meta: { location: { type, target }, isDryRun: dryRun, via: 'developer-registration' },
    });
    try {
      const { userEntityRef, ownershipEntityRefs } =
        await deps.userInfo.getUserInfo(credentials);
      const service = await deps.auth.getOwnServiceCredentials();
      let analysis;
      try {
        analysis = await deps.catalog.addLocation(
          { type, target, dryRun: true },
          { credentials: service },
        );
      } catch (error) {
        // What cannot be read, or holds what catalog.rules refuse, cannot be shown to be the
        // developer's: refused like a foreign owner, with the catalog's reason.
        throw new NotAllowedError(
          `${target}: you may register a location only when the catalog can read it and everything in it is a Component, API or Resource of one of your groups; the catalog says: ${
            catalogError(target, error).message
          }`,
        );
      }
      const decision = checkDeveloperRegistration({
        type,
        target,
        entities: analysis.entities,
        userEntityRef,
        ownershipEntityRefs,
      });
      const output = dryRun
        ? analysis
        : await asCatalogError(target, () =>
            deps.catalog.addLocation({ type, target }, { credentials: service }),
          );
      await event.success({
        meta: { entityRefs: decision.entityRefs, owners: decision.owners },
      });
      res.status(201).json(output);
    } catch (error) {
      await event.fail({ error: isError(error) ? error : new Error(String(error)) });
      throw error;
    }
  });
  return router;
}
