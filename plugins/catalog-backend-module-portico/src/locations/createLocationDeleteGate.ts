import {
  AuditorService,
  AuthService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { catalogLocationDeletePermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { userNotGranted } from '@internal/plugin-portico-node';
import express from 'express';
import Router from 'express-promise-router';

/**
 * `DELETE /locations/:id` by a signed-in user the policy refuses `catalog.location.delete`
 * (everyone but admins): refused here with a message that names the location and why, in the
 * response and in the audit record. The catalog's own refusal is a 403 with an empty message.
 * The decision stays the policy's (asked through the permission framework); admins, and the
 * services the user-only routes let through, go on to the catalog's route.
 */
export function createLocationDeleteGate(deps: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auth: AuthService;
  catalog: Pick<CatalogService, 'getLocationById'>;
  auditor: AuditorService;
}): express.Router {
  const router = Router();
  router.delete('/locations/:id', async (req, _res, next) => {
    const refused = await userNotGranted(
      deps,
      req,
      catalogLocationDeletePermission,
    );
    if (!refused) {
      next();
      return;
    }
    const { credentials } = refused;
    const { id } = req.params;
    const event = await deps.auditor.createEvent({
      eventId: 'location-mutate',
      severityLevel: 'medium',
      request: req,
      meta: { actionType: 'delete', id },
    });
    let location;
    try {
      location = await deps.catalog.getLocationById(id, {
        credentials: await deps.auth.getOwnServiceCredentials(),
      });
    } catch {
      // Not a location id the catalog knows: named by its id alone.
    }
    const error = new NotAllowedError(
      `only admins may delete catalog locations; location ${id}${
        location ? ` (${location.type}:${location.target})` : ''
      } was not deleted: ${
        catalogLocationDeletePermission.name
      } is refused to ${credentials.principal.userEntityRef}`,
    );
    await event.fail({ error });
    throw error;
  });
  return router;
}
