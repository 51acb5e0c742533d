import type {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ApplicationActionResponse,
  ArgoActionPermission,
  StatusResponse,
  applicationActionRequestSchema,
  statusRequestSchema,
} from '@internal/plugin-argocd-common';
import {
  inputErrorFromZod,
  ownerRefOfEntity,
  withAuditEvent,
} from '@internal/plugin-portico-node';
import {
  argocdApplicationRefreshPermission,
  argocdApplicationSyncPermission,
} from '@internal/plugin-portico-permissions-common';
import express from 'express';
import Router from 'express-promise-router';
import { ACTION_VERBS, ApplicationAction } from './applicationActions';
import type { ArgoService } from './ArgoService';
import { parseName } from './requestParams';

export interface PorticoRoutesOptions {
  service: ArgoService;
  catalog: CatalogService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
}

const ACTIONS = {
  sync: {
    permission: argocdApplicationSyncPermission,
    eventId: 'argocd-application-sync',
    // a sync changes what runs
    severityLevel: 'high',
  },
  refresh: {
    permission: argocdApplicationRefreshPermission,
    eventId: 'argocd-application-refresh',
    severityLevel: 'medium',
  },
} as const;

/** The catalog fields a status answer needs of each entity. */
const STATUS_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
  // a selector's applications are the owning team's (EntityApplications.lookup)
  'spec.owner',
];

/** Why someone who is not an owner may not act: who may. */
function onlyOwners(ref: string, entity: Entity, action: ApplicationAction) {
  const owner = ownerRefOfEntity(entity);
  return `Only the owners of ${ref}${
    owner ? ` (${owner})` : ''
  } and admins may ${ACTION_VERBS[action]} its Argo CD applications.`;
}

/** A path parameter as the audit record keeps it (before it is checked): short, one line. */
function auditParam(value: unknown): string {
  return typeof value === 'string'
    ? // eslint-disable-next-line no-control-regex
      value.slice(0, 253).replace(/[\u0000-\u001f\u007f]/g, '?')
    : '';
}

/** Request body errors as `Invalid request: field: message; ...`. */
const INVALID_REQUEST = { prefix: 'Invalid request' };

/**
 * Portico's Argo CD API: the instances, a page's batched status, an entity's detail (with what
 * the caller may do), and owner-only, audited sync and hard refresh of one named application.
 */
export function createPorticoRoutes(
  options: PorticoRoutesOptions,
): express.Router {
  const { service, catalog, httpAuth, permissions, auditor } = options;
  const router = Router();

  async function entityFromParams(
    req: express.Request,
    credentials: BackstageCredentials,
  ) {
    const ref = stringifyEntityRef({
      kind: parseName('kind', req.params.kind),
      namespace: parseName('namespace', req.params.namespace),
      name: parseName('name', req.params.name),
    });
    const entity = await catalog.getEntityByRef(ref, { credentials });
    if (!entity) throw new NotFoundError(`No entity ${ref}`);
    return { ref, entity };
  }

  async function actionPermissions(
    entity: Entity,
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<Record<ApplicationAction, ArgoActionPermission>> {
    const kinds: ApplicationAction[] = ['sync', 'refresh'];
    const decisions = await permissions.authorize(
      kinds.map(kind => ({
        permission: ACTIONS[kind].permission,
        resourceRef: ref,
      })),
      { credentials },
    );
    const describe = (i: number): ArgoActionPermission =>
      decisions[i].result === AuthorizeResult.ALLOW
        ? { allowed: true }
        : { allowed: false, reason: onlyOwners(ref, entity, kinds[i]) };
    return { sync: describe(0), refresh: describe(1) };
  }

  router.get('/config', async (req, res) => {
    await httpAuth.credentials(req);
    res.json(service.configResponse());
  });

  router.post('/status', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const parsed = statusRequestSchema.safeParse(req.body ?? {});
    if (!parsed.success) throw inputErrorFromZod(parsed.error, INVALID_REQUEST);
    const refs: string[] = [];
    for (const raw of parsed.data.entityRefs) {
      try {
        refs.push(stringifyEntityRef(parseEntityRef(raw)));
      } catch {
        throw new InputError(
          `Invalid entityRefs: '${raw.slice(0, 100)}' is not an entity ref`,
        );
      }
    }
    const unique = [...new Set(refs)];
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: unique, fields: STATUS_FIELDS },
      { credentials },
    );
    const byRef = new Map<string, Entity | undefined>(
      unique.map((r, i) => [r, items[i] ?? undefined]),
    );
    const body: StatusResponse = {
      items: {},
      instances: service.instanceStates(),
    };
    parsed.data.entityRefs.forEach((raw, i) => {
      body.items[raw] = service.status(refs[i], byRef.get(refs[i]));
    });
    res.json(body);
  });

  router.get('/entities/:kind/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const { ref, entity } = await entityFromParams(req, credentials);
    const actions = await actionPermissions(entity, ref, credentials);
    res.json(await service.detail(entity, actions));
  });

  /**
   * POST .../applications/:instance/:app/sync and .../refresh: one named application, for
   * signed-in users only (a service principal passes every permission check, so it is refused
   * here), with the entity's permission, on an application the platform ties to the entity's
   * owning team. The audit record is written before anything else is looked at, and its outcome
   * before the answer.
   */
  function actionRoute(kind: ApplicationAction) {
    return async (req: express.Request, res: express.Response) => {
      // 401 for no or bad credentials; nothing to attribute an audit record to
      await httpAuth.credentials(req);
      const action = ACTIONS[kind];
      const { params } = req;
      const body = await withAuditEvent(
        auditor,
        {
          eventId: action.eventId,
          severityLevel: action.severityLevel,
          request: req,
          meta: {
            entityRef: `${auditParam(params.kind)}:${auditParam(
              params.namespace,
            )}/${auditParam(params.name)}`,
            instance: auditParam(params.instance),
            application: auditParam(params.app),
          },
        },
        async () => {
          const credentials = await httpAuth.credentials(req, {
            allow: ['user'],
          });
          const parsed = applicationActionRequestSchema.safeParse(
            req.body ?? {},
          );
          if (!parsed.success)
            throw inputErrorFromZod(parsed.error, INVALID_REQUEST);
          const instance = parseName('instance', params.instance);
          const name = parseName('app', params.app);
          const { ref, entity } = await entityFromParams(req, credentials);
          const [decision] = await permissions.authorize(
            [{ permission: action.permission, resourceRef: ref }],
            { credentials },
          );
          if (decision.result !== AuthorizeResult.ALLOW) {
            throw new NotAllowedError(onlyOwners(ref, entity, kind));
          }
          const target = service.actionTarget(entity, {
            instance,
            name,
            appNamespace: parsed.data.appNamespace,
          });
          const result = await service.act(kind, target);
          const answer: ApplicationActionResponse = {
            action: kind,
            entityRef: ref,
            result,
          };
          return {
            result: answer,
            meta: {
              appNamespace: result.appNamespace,
              team: target.team,
              project: target.project,
              ...(result.detail ? { detail: result.detail } : {}),
            },
          };
        },
      );
      res.json(body);
    };
  }
  router.post(
    '/entities/:kind/:namespace/:name/applications/:instance/:app/sync',
    actionRoute('sync'),
  );
  router.post(
    '/entities/:kind/:namespace/:name/applications/:instance/:app/refresh',
    actionRoute('refresh'),
  );

  return router;
}
