import {
  AuditorService,
  AuthService,
  DiscoveryService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { taskCancelPermission } from '@backstage/plugin-scaffolder-common/alpha';
import { userNotGranted } from '@internal/plugin-portico-node';
import express from 'express';
import Router from 'express-promise-router';

/**
 * Cancelling or retrying a scaffolder task that is not the caller's: refused here with a message
 * that names the task and why, in the response and the audit record (the scaffolder's own
 * refusal is a 403 with an empty message).
 *
 * The decision stays the policy's: a user it grants `scaffolder.task.cancel` outright (an admin)
 * goes on; for anyone else it answers "only the task's initiator" as the scaffolder's
 * isTaskOwner condition, which the scaffolder evaluates. So the task is read through the
 * scaffolder's own API with the caller's credentials: the read permission carries the same
 * condition, and a task the caller may not read is not theirs. Whatever else (an unknown task,
 * the caller's own task) goes on to the scaffolder's route.
 */
export function createTaskOwnerGate(deps: {
  httpAuth: HttpAuthService;
  auth: AuthService;
  discovery: DiscoveryService;
  permissions: PermissionsService;
  auditor: AuditorService;
}): express.Router {
  const router = Router();
  const gate =
    (action: 'cancel' | 'retry') =>
    async (
      req: express.Request,
      _res: express.Response,
      next: express.NextFunction,
    ) => {
      const refused = await userNotGranted(deps, req, taskCancelPermission);
      if (!refused) {
        next();
        return;
      }
      const { credentials, decision } = refused;
      const { taskId } = req.params;
      let why = `you (${credentials.principal.userEntityRef}) may not ${action} scaffolder tasks`;
      if (decision.result === AuthorizeResult.CONDITIONAL) {
        const { token } = await deps.auth.getPluginRequestToken({
          onBehalfOf: credentials,
          targetPluginId: 'scaffolder',
        });
        const baseUrl = await deps.discovery.getBaseUrl('scaffolder');
        const read = await fetch(
          `${baseUrl}/v2/tasks/${encodeURIComponent(taskId)}`,
          {
            headers: { authorization: `Bearer ${token}` },
          },
        );
        await read.body?.cancel();
        if (read.status !== 403) {
          // The caller's own task (or no such task): the scaffolder's route answers.
          next();
          return;
        }
        why = `only the user who started a scaffolder task (or an admin) may ${action} it; task ${taskId} was not started by ${credentials.principal.userEntityRef}`;
      }
      const event = await deps.auditor.createEvent({
        eventId: 'task',
        severityLevel: 'medium',
        request: req,
        meta: { actionType: action, taskId },
      });
      const error = new NotAllowedError(why);
      await event.fail({ error });
      throw error;
    };
  router.post('/v2/tasks/:taskId/cancel', gate('cancel'));
  router.post('/v2/tasks/:taskId/retry', gate('retry'));
  return router;
}
