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
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
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
  argocdApplicationRefreshPermission,
  argocdApplicationSyncPermission,
} from '@internal/plugin-portico-permissions-common';
import express from 'express';
import Router from 'express-promise-router';
import type { AppIndex, IndexedApp } from '../lookup/AppIndex';
import { ownerRefOf } from '../lookup/ownership';
import type { ArgoService } from './ArgoService';
import { PreparedJsonCache } from './PreparedJson';
import {
  parseName,
  parseOptionalNamespace,
  parseRevision,
  parseSelector,
} from './requestParams';
import {
  knownRevisions,
  roadieApplication,
  roadieApplicationList,
  roadieLocation,
} from './roadieShapes';

export interface RouterOptions {
  service: ArgoService;
  catalog: CatalogService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
}

const ACTIONS = {
  sync: {
    permission: argocdApplicationSyncPermission,
    verb: 'sync',
    eventId: 'argocd-application-sync',
    // a sync changes what runs
    severityLevel: 'high',
  },
  refresh: {
    permission: argocdApplicationRefreshPermission,
    verb: 'hard-refresh',
    eventId: 'argocd-application-refresh',
    severityLevel: 'medium',
  },
} as const;

function zodMessage(error: {
  issues: Array<{ path: PropertyKey[]; message: string }>;
}): string {
  return error.issues
    .map(i => `${i.path.map(String).join('.') || 'body'}: ${i.message}`)
    .join('; ');
}

function ownerText(entity: Entity): string {
  const owner = ownerRefOf(entity);
  return owner ? ` (${owner})` : '';
}

/** A path parameter as the audit record keeps it (before it is checked): short, one line. */
function auditParam(value: unknown): string {
  return typeof value === 'string'
    ? // eslint-disable-next-line no-control-regex
      value.slice(0, 253).replace(/[\u0000-\u001f\u007f]/g, '?')
    : '';
}

/**
 * Portico's Argo CD API and the routes @roadiehq/backstage-plugin-argo-cd calls in backend
 * mode. Every read comes from the cached views; only sync and refresh reach Argo CD.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { service, catalog, httpAuth, permissions, auditor } = options;
  const router = Router();
  router.use(express.json({ limit: '256kb' }));

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
  ): Promise<{ sync: ArgoActionPermission; refresh: ArgoActionPermission }> {
    const [sync, refresh] = await permissions.authorize(
      [
        { permission: argocdApplicationSyncPermission, resourceRef: ref },
        { permission: argocdApplicationRefreshPermission, resourceRef: ref },
      ],
      { credentials },
    );
    const describe = (allowed: boolean, verb: string): ArgoActionPermission =>
      allowed
        ? { allowed }
        : {
            allowed,
            reason: `Only the owners of ${ref}${ownerText(
              entity,
            )} and admins may ${verb} its Argo CD applications.`,
          };
    return {
      sync: describe(sync.result === AuthorizeResult.ALLOW, 'sync'),
      refresh: describe(
        refresh.result === AuthorizeResult.ALLOW,
        'hard-refresh',
      ),
    };
  }

  router.get('/config', async (req, res) => {
    await httpAuth.credentials(req);
    res.json(service.configResponse());
  });

  router.post('/status', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const parsed = statusRequestSchema.safeParse(req.body ?? {});
    if (!parsed.success)
      throw new InputError(`Invalid request: ${zodMessage(parsed.error)}`);
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
      {
        entityRefs: unique,
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
          // a selector's applications are the owning team's (ArgoService.lookup)
          'spec.owner',
        ],
      },
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
  function actionRoute(kind: 'sync' | 'refresh') {
    return async (req: express.Request, res: express.Response) => {
      // 401 for no or bad credentials; nothing to attribute an audit record to
      await httpAuth.credentials(req);
      const action = ACTIONS[kind];
      const event = await auditor.createEvent({
        eventId: action.eventId,
        severityLevel: action.severityLevel,
        request: req,
        meta: {
          entityRef: `${auditParam(req.params.kind)}:${auditParam(
            req.params.namespace,
          )}/${auditParam(req.params.name)}`,
          instance: auditParam(req.params.instance),
          application: auditParam(req.params.app),
        },
      });
      try {
        const credentials = await httpAuth.credentials(req, {
          allow: ['user'],
        });
        const parsed = applicationActionRequestSchema.safeParse(req.body ?? {});
        if (!parsed.success)
          throw new InputError(`Invalid request: ${zodMessage(parsed.error)}`);
        const instanceName = parseName('instance', req.params.instance);
        const appName = parseName('app', req.params.app);
        const { ref, entity } = await entityFromParams(req, credentials);
        const [decision] = await permissions.authorize(
          [{ permission: action.permission, resourceRef: ref }],
          { credentials },
        );
        if (decision.result !== AuthorizeResult.ALLOW) {
          throw new NotAllowedError(
            `Only the owners of ${ref}${ownerText(entity)} and admins may ${
              action.verb
            } its Argo CD applications.`,
          );
        }
        const target = service.actionTarget(entity, {
          instance: instanceName,
          name: appName,
          appNamespace: parsed.data.appNamespace,
        });
        const result = await service.act(kind, target);
        await event.success({
          meta: {
            appNamespace: result.appNamespace,
            team: target.team,
            project: target.project,
            ...(result.detail ? { detail: result.detail } : {}),
          },
        });
        const body: ApplicationActionResponse = {
          action: kind,
          entityRef: ref,
          result,
        };
        res.json(body);
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
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

  // ----- Routes of @roadiehq/backstage-plugin-argo-cd (backend mode), answered from the cache -----

  /** Each application's body serialized and gzipped once, while it stays unchanged. */
  const applicationBodies = new PreparedJsonCache<IndexedApp>();

  function instanceParam(req: express.Request) {
    const name = parseName('instance', req.params.instance);
    const instance = service.instance(name);
    if (!instance)
      throw new NotFoundError(`No Argo CD instance '${name}' is configured`);
    return instance;
  }

  /** Roadie's `find/*` answer: every instance holding a matching application, with the names. */
  function locations(find: (index: AppIndex) => IndexedApp[]) {
    const out = [];
    for (const instance of service.config.instances) {
      const apps = find(service.views.get(instance.name).index);
      if (apps.length)
        out.push(
          roadieLocation(
            instance,
            apps.map(a => a.name),
          ),
        );
    }
    return out;
  }

  router.get('/find/name/:app', async (req, res) => {
    await httpAuth.credentials(req);
    const app = parseName('app', req.params.app);
    const ns = parseOptionalNamespace(req.query.appNamespace);
    res.json(locations(index => index.findByName(app, ns)));
  });

  router.get('/find/selector/:selector', async (req, res) => {
    await httpAuth.credentials(req);
    const requirements = parseSelector(req.params.selector);
    const ns = parseOptionalNamespace(req.query.appNamespace);
    res.json(locations(index => index.findBySelector(requirements, ns)));
  });

  router.get(
    '/argoInstance/:instance/applications/name/:app',
    async (req, res) => {
      await httpAuth.credentials(req);
      const instance = instanceParam(req);
      const name = parseName('app', req.params.app);
      const ns = parseOptionalNamespace(req.query.appNamespace);
      const [item] = service.views
        .get(instance.name)
        .index.findByName(name, ns);
      if (!item) {
        throw new NotFoundError(
          `Application '${name}'${
            ns ? ` in namespace '${ns}'` : ''
          } is not on Argo CD instance '${instance.name}'`,
        );
      }
      applicationBodies
        .get(item, () => roadieApplication(instance, item.app))
        .send(req, res);
    },
  );

  router.get(
    '/argoInstance/:instance/applications/selector/:selector',
    async (req, res) => {
      await httpAuth.credentials(req);
      const instance = instanceParam(req);
      const requirements = parseSelector(req.params.selector);
      const ns = parseOptionalNamespace(req.query.appNamespace);
      const apps = service.views
        .get(instance.name)
        .index.bySelector(requirements, ns);
      res.json(roadieApplicationList(instance, apps));
    },
  );

  router.get(
    '/argoInstance/:instance/applications/name/:app/revisions/:rev/metadata',
    async (req, res) => {
      await httpAuth.credentials(req);
      const instance = instanceParam(req);
      const name = parseName('app', req.params.app);
      const revision = parseRevision(req.params.rev);
      const ns = parseOptionalNamespace(req.query.appNamespace);
      const [app] = service.views.get(instance.name).index.byAppName(name, ns);
      if (!app) {
        throw new NotFoundError(
          `Application '${name}' is not on Argo CD instance '${instance.name}'`,
        );
      }
      // Only revisions the snapshot knows: no upstream call (and no cache entry) per invented
      // revision, and no branch name whose commit would be cached as if it never moved.
      if (!knownRevisions(app).has(revision)) {
        throw new NotFoundError(
          `Revision ${revision} is not in the history of application '${name}' on Argo CD instance '${instance.name}'`,
        );
      }
      const meta = await service.revisionMetadata(instance.name, app, revision);
      if (!meta) {
        throw new ServiceUnavailableError(
          `Argo CD instance '${instance.name}' could not give metadata of revision ${revision}`,
        );
      }
      res.json(meta);
    },
  );

  return router;
}
