import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { ApplicationActionResult } from '@internal/plugin-argocd-common';
import { UpstreamError } from '@internal/plugin-portico-node';
import type { ArgoCdClient } from '../upstream/ArgoCdClient';
import { ArgoCdError } from '../upstream/ArgoCdError';
import type { ActionTarget } from './EntityApplications';

/** The two actions a signed-in owner may run on one application. */
export type ApplicationAction = 'sync' | 'refresh';

/** How the answers and audit records name an action. */
export const ACTION_VERBS: Record<ApplicationAction, string> = {
  sync: 'sync',
  refresh: 'hard-refresh',
};

/**
 * Runs sync or hard refresh on one application. The team's project goes with the call, so Argo
 * CD itself refuses when the application moved to another project since the snapshot. Argo CD's
 * refusal is answered as 403 (with the project to check) or 404; anything else as 503.
 */
export async function runApplicationAction(
  client: ArgoCdClient,
  kind: ApplicationAction,
  target: ActionTarget,
): Promise<ApplicationActionResult> {
  const { instance, app, project } = target;
  const { name, namespace } = app.metadata;
  try {
    const updated =
      kind === 'sync'
        ? await client.sync(name, namespace, project)
        : await client.getApplication(name, namespace, 'hard', project);
    const detail =
      kind === 'sync'
        ? updated?.status?.operationState?.phase ?? 'Running'
        : updated?.status?.sync?.status;
    return {
      instance: instance.name,
      name,
      appNamespace: namespace,
      ...(typeof detail === 'string' ? { detail } : {}),
    };
  } catch (e) {
    const message = `Argo CD refused to ${
      ACTION_VERBS[kind]
    } application "${name}": ${(e as Error).message}`;
    if (e instanceof ArgoCdError && e.status === 403) {
      throw new NotAllowedError(
        `${message} (is it still in project ${project}?)`,
      );
    }
    if (e instanceof ArgoCdError && e.status === 404) {
      throw new NotFoundError(message);
    }
    throw new UpstreamError(message, 503);
  }
}
