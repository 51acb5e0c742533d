import {
  AuditorService,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { NotAllowedError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';

/** A route that acts or reveals something sensitive, as the plugin's router names it. */
export interface UserOnlyRoute {
  /** The HTTP method, or `USE` for the path and everything under it (a proxy). */
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'USE';
  /** An Express path relative to the plugin's base, e.g. `/locations/:id`. */
  path: string;
}

/**
 * `portico.access.serviceSubjects`: the service subjects (a static key's `subject`, or
 * `plugin:<id>` for a plugin's own token) that Portico's user-only routes accept besides users.
 */
export function readServiceSubjects(config: Config): string[] {
  return config.getOptionalStringArray('portico.access.serviceSubjects') ?? [];
}

/** `POST /locations`, as messages and audit records name a route. */
export function userOnlyRouteLabel(route: UserOnlyRoute): string {
  return `${route.method === 'USE' ? 'ANY' : route.method} ${route.path}${
    route.method === 'USE' ? '/*' : ''
  }`;
}

/**
 * A router to put in front of a plugin's own (a backend module's `httpRouter.use` is mounted
 * before its plugin's router): the listed routes accept only
 * - user principals, which includes a plugin's on-behalf-of token for a user (the scaffolder's
 *   `catalog:register` calling the catalog with the initiator's credentials is the user);
 * - the service subjects `portico.access.serviceSubjects` lists;
 * - the subjects the caller of this function names in `alsoAccept` (e.g. the catalog's own
 *   token, with which a catalog module registers what it has checked). A plugin's own token is
 *   not accepted by itself: any code inside the plugin can mint it.
 *
 * Any other service principal (a static key, another plugin's own token) is refused with 403
 * naming the route and the principal, and the refusal is audited (severity medium). The
 * permission framework never asks the policy about service principals, so without this an
 * unrestricted key or any code holding a plugin's token passes every permission check.
 * Anonymous callers get the framework's 401. Everything else goes on to the plugin unchanged:
 * who among the users may do it is the permission policy's answer.
 */
export function createUserOnlyRoutes(options: {
  routes: UserOnlyRoute[];
  /** The plugin the router is mounted in. */
  pluginId: string;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  config: Config;
  /** Service subjects accepted besides those of the config, named by the code that needs them. */
  alsoAccept?: string[];
}): express.Router {
  const { httpAuth, auditor, pluginId } = options;
  const accepted = new Set([
    ...readServiceSubjects(options.config),
    ...(options.alsoAccept ?? []),
  ]);
  const router = Router();

  for (const route of options.routes) {
    const label = userOnlyRouteLabel(route);
    const gate = async (
      req: express.Request,
      _res: express.Response,
      next: express.NextFunction,
    ) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const principal = credentials.principal as
        | BackstageUserPrincipal
        | BackstageServicePrincipal;
      if (principal.type === 'user' || accepted.has(principal.subject)) {
        next();
        return;
      }
      const event = await auditor.createEvent({
        eventId: 'principal-refused',
        severityLevel: 'medium',
        request: req,
        meta: {
          route: `${req.method} ${req.baseUrl}${req.path}`,
          routePattern: label,
          principal: { type: principal.type, subject: principal.subject },
        },
      });
      const error = new NotAllowedError(
        `${label} (${pluginId}) accepts only signed-in users (or a service subject portico.access.serviceSubjects lists); the caller is a service principal (${principal.subject})`,
      );
      await event.fail({ error });
      throw error;
    };
    switch (route.method) {
      case 'USE':
        router.use(route.path, gate);
        break;
      case 'GET':
        router.get(route.path, gate);
        break;
      case 'POST':
        router.post(route.path, gate);
        break;
      case 'PUT':
        router.put(route.path, gate);
        break;
      case 'PATCH':
        router.patch(route.path, gate);
        break;
      case 'DELETE':
        router.delete(route.path, gate);
        break;
      default:
        throw new Error(
          `createUserOnlyRoutes: unknown method ${String(route.method)}`,
        );
    }
  }
  return router;
}
